"""Writes the sequence-layer fixtures of keras4j's LayerFixturesTest (cases prefixed rnn/).

Run (Python Keras 3, TensorFlow backend; these were made with Keras 3.15.1, TF 2.21):
    KERAS_BACKEND=tensorflow python3 src/test/resources/keras4j/layers/rnn/make_rnn_fixtures.py

The same format as ../make_layer_fixtures.py: for every case a small model with random weights,
saved as <case>.keras and <case>.h5, and <case>.json holding an input, Keras's prediction and,
for models that train here, a target and every weight after one SGD(0.1) step on the MSE loss.
Token inputs are float32 Inputs holding whole numbers (Keras's Embedding casts them to int32);
zeros are padding for mask_zero. cases.txt lists the cases.
"""
import json
import os

import keras
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
L = keras.layers
keras.utils.set_random_seed(5)
rng = np.random.default_rng(11)


def seq(shape, *layers):
    return keras.Sequential([keras.Input(shape)] + list(layers))


def functional_embedding_lstm():
    tokens = keras.Input((6,))
    x = L.Embedding(9, 4, mask_zero=True)(tokens)
    x = L.LSTM(3, return_sequences=True)(x)
    x = L.LSTM(2)(x)
    return keras.Model(tokens, L.Dense(2)(x))


# name -> (model, whether to record a training step, input kind)
CASES = {
    "embedding": (seq((5,), L.Embedding(10, 3), L.Flatten(), L.Dense(2)), True, "tokens"),
    "embedding_mask_zero_pooling": (seq((5,), L.Embedding(10, 4, mask_zero=True),
                                        L.GlobalAveragePooling1D(), L.Dense(2)), True, "padded"),
    "simple_rnn": (seq((4, 3), L.SimpleRNN(3)), True, "floats"),
    "simple_rnn_sequences": (seq((4, 3), L.SimpleRNN(3, return_sequences=True,
                                                    activation="relu")), True, "floats"),
    "lstm": (seq((4, 3), L.LSTM(3)), True, "floats"),
    "lstm_sequences": (seq((4, 3), L.LSTM(3, return_sequences=True), L.Dense(2)), True, "floats"),
    "lstm_backwards_unrolled": (seq((4, 3), L.LSTM(2, go_backwards=True, return_sequences=True,
                                                   unroll=True, use_bias=False)), True, "floats"),
    "gru": (seq((4, 3), L.GRU(3)), True, "floats"),
    "gru_sequences": (seq((4, 3), L.GRU(3, return_sequences=True)), True, "floats"),
    "gru_reset_before": (seq((4, 3), L.GRU(3, reset_after=False)), True, "floats"),
    "bidirectional_lstm": (seq((4, 3), L.Bidirectional(L.LSTM(3)), L.Dense(2)), True, "floats"),
    "bidirectional_gru_sum_sequences": (
        seq((4, 3), L.Bidirectional(L.GRU(2, return_sequences=True), merge_mode="sum")),
        True, "floats"),
    "time_distributed_dense": (seq((4, 3), L.TimeDistributed(L.Dense(2))), True, "floats"),
    "embedding_lstm_masked": (seq((6,), L.Embedding(9, 4, mask_zero=True), L.LSTM(3)), True,
                              "padded"),
    "embedding_gru_masked_sequences": (seq((6,), L.Embedding(9, 3, mask_zero=True),
                                           L.GRU(2, return_sequences=True)), False, "padded"),
    "embedding_bidirectional_lstm_masked": (
        seq((6,), L.Embedding(9, 3, mask_zero=True), L.Bidirectional(L.LSTM(2)), L.Dense(1)),
        True, "padded"),
    "masking_simple_rnn": (seq((5, 2), L.Masking(0.0), L.SimpleRNN(3)), True, "masked_floats"),
    "functional_embedding_stacked_lstm": (functional_embedding_lstm(), True, "padded"),
}


def randomize(model):
    for layer in model.layers:
        values = [rng.uniform(-0.8, 0.8, w.shape).astype(w.dtype) for w in layer.weights]
        if values:
            layer.set_weights(values)


def flat(a):
    return np.asarray(a, dtype=np.float64).reshape(-1).tolist()


def inputs(kind, shape):
    if kind == "floats":
        return rng.uniform(-1, 1, (3,) + shape).astype(np.float32)
    if kind == "masked_floats":
        x = rng.uniform(-1, 1, (3,) + shape).astype(np.float32)
        x[0, 3:] = 0  # trailing padding
        x[1, :2] = 0  # leading padding
        x[2, 2] = 0  # a hole
        return x
    x = rng.integers(1, 9, (3,) + shape).astype(np.float32)
    if kind == "padded":
        x[0, 3:] = 0
        x[1, :2] = 0
        x[2, 2] = 0
    return x


names = []
for name, (model, trains, kind) in CASES.items():
    shape = tuple(model.inputs[0].shape[1:])
    x = inputs(kind, shape)
    randomize(model)
    model.save(os.path.join(HERE, name + ".keras"))
    model.save(os.path.join(HERE, name + ".h5"))
    y = model.predict(x, verbose=0)
    case = {"x": flat(x), "x_shape": list(x.shape), "y": flat(y), "y_shape": list(y.shape)}
    if trains:
        target = rng.uniform(-1, 1, y.shape).astype(np.float32)
        model.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse")
        model.train_on_batch(x, target)
        case["target"] = flat(target)
        case["after"] = [flat(v.numpy()) for v in model.weights]
    with open(os.path.join(HERE, name + ".json"), "w") as f:
        json.dump(case, f)
    names.append("rnn/" + name)
    print(name, "ok", y.shape)
with open(os.path.join(HERE, "cases.txt"), "w") as f:
    f.write("\n".join(names) + "\n")
