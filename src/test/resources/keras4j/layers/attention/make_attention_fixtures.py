"""Writes the attention fixtures of keras4j's AttentionFixturesTest (src/test/java/keras4j/layers).

Run (Python Keras 3, TensorFlow backend; these were made with Keras 3.15.1, TF 2.21):
    KERAS_BACKEND=tensorflow python3 src/test/resources/keras4j/layers/attention/make_attention_fixtures.py

As make_layer_fixtures.py: for every case a small functional model with random weights, saved as
<case>.keras and <case>.h5, and <case>.json holding an input, Keras's prediction and every weight
after one SGD(0.1) step on the MSE loss. Each model has one input: query, value and key are
Dense projections of it (or Embedding(mask_zero=True) of token ids, whose zeros pad the batch and
mask queries and values). AttentionFixturesTest runs them; cases.txt lists them.
"""
import json
import os

import keras
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
L = keras.layers
keras.utils.set_random_seed(5)
rng = np.random.default_rng(11)


def floats(attend, steps=4, features=3):
    """q, v (and k) projected from one float input; attend(q, v, k) is the layer's call."""
    x = keras.Input((steps, features))
    q, v, k = L.Dense(4)(x), L.Dense(4)(x), L.Dense(4)(x)
    return keras.Model(x, L.Dense(2)(attend(q, v, k))), "floats"


def tokens(attend):
    """Embedding(mask_zero=True) of token ids; the batch has padded (zero) steps. Flatten ends the
    mask (every step's output is compared, and the loss is not masked)."""
    ids = keras.Input((5,))
    e = L.Embedding(7, 4, mask_zero=True)(ids)
    out = L.Dense(2)(attend(e, L.Dense(4)(e), None))
    return keras.Model(ids, L.Flatten()(out)), "tokens"


def transformer_block():
    """MHA + Add + LayerNormalization + Dense feed-forward + Add + LayerNormalization."""
    ids = keras.Input((5,))
    x = L.Embedding(7, 8, mask_zero=True)(ids)
    a = L.MultiHeadAttention(2, 4, name="mha")(x, x)
    x = L.LayerNormalization()(L.Add()([x, a]))
    f = L.Dense(8)(L.Dense(16, activation="relu")(x))
    x = L.LayerNormalization()(L.Add()([x, f]))
    return keras.Model(ids, L.Dense(2)(L.GlobalAveragePooling1D()(x))), "tokens"


CASES = {
    "attention_dot": floats(lambda q, v, k: L.Attention()([q, v])),
    "attention_scaled_key": floats(lambda q, v, k: L.Attention(use_scale=True)([q, v, k])),
    "attention_concat_causal": floats(
        lambda q, v, k: L.Attention(score_mode="concat", use_scale=True)(
            [q, v, k], use_causal_mask=True)),
    "attention_masked": tokens(lambda q, v, k: L.Attention(use_scale=True)([q, v])),
    "attention_scores": floats(lambda q, v, k: L.Concatenate()(
        list(L.Attention()([q, v], return_attention_scores=True)))),
    "additive_attention": floats(lambda q, v, k: L.AdditiveAttention()([q, v, k])),
    "additive_attention_masked": tokens(lambda q, v, k: L.AdditiveAttention()([q, v])),
    "mha": floats(lambda q, v, k: L.MultiHeadAttention(2, 3)(q, v)),
    "mha_key_value_dim_output_shape": floats(lambda q, v, k: L.MultiHeadAttention(
        3, 2, value_dim=3, output_shape=5, use_bias=False)(q, v, k)),
    "mha_causal": floats(lambda q, v, k: L.MultiHeadAttention(2, 3)(q, v, use_causal_mask=True)),
    "mha_masked": tokens(lambda q, v, k: L.MultiHeadAttention(2, 3)(q, v)),
    "mha_masked_causal_scores": tokens(lambda q, v, k: L.Concatenate()(
        [q, L.Reshape((5, 10))(L.Permute((2, 1, 3))(L.MultiHeadAttention(2, 3)(
            q, v, use_causal_mask=True, return_attention_scores=True)[1]))])),
    "transformer_block": transformer_block(),
    "einsum_dense": floats(lambda q, v, k: L.EinsumDense(
        "abc,cde->abde", (4, 2, 3), bias_axes="de", activation="tanh")(q)),
}


def randomize(model):
    for layer in model.layers:
        for w in layer.weights:
            w.assign(rng.uniform(-0.8, 0.8, w.shape).astype(w.dtype))


def flat(a):
    return np.asarray(a, dtype=np.float64).reshape(-1).tolist()


def inputs(kind, shape):
    if kind == "tokens":
        x = rng.integers(1, 7, (3,) + shape).astype(np.float32)
        x[0, 3:] = 0  # padded sequences: masked queries and values
        x[1, 4:] = 0
        return x
    return rng.uniform(-1, 1, (3,) + shape).astype(np.float32)


names = []
for name, (model, kind) in CASES.items():
    x = inputs(kind, tuple(model.inputs[0].shape[1:]))
    randomize(model)
    model.save(os.path.join(HERE, name + ".keras"))
    model.save(os.path.join(HERE, name + ".h5"))
    y = model.predict(x, verbose=0)
    case = {"x": flat(x), "x_shape": list(x.shape), "y": flat(y), "y_shape": list(y.shape)}
    target = rng.uniform(-1, 1, y.shape).astype(np.float32)
    model.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse")
    model.train_on_batch(x, target)
    case["target"] = flat(target)
    case["after"] = [flat(v.numpy()) for v in model.weights]
    with open(os.path.join(HERE, name + ".json"), "w") as f:
        json.dump(case, f)
    names.append("attention/" + name)
    print(name, "ok")
with open(os.path.join(HERE, "cases.txt"), "w") as f:
    f.write("\n".join(names) + "\n")
