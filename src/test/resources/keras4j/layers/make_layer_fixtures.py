"""Writes the per-layer fixtures of keras4j's LayerFixturesTest (src/test/java/keras4j/layers).

Run (Python Keras 3, TensorFlow backend; these were made with Keras 3.15.1, TF 2.21):
    KERAS_BACKEND=tensorflow python3 src/test/resources/keras4j/layers/make_layer_fixtures.py

For every case: a small model around one layer kind with random weights, saved as <case>.keras
and <case>.h5, and <case>.json holding an input, Keras's prediction for it and, for models with
trainable weights, a target and every weight after one SGD(0.1) step on the MSE loss from those
weights (Keras's own gradients; keras4j computes its gradients independently, with TensorFlow
C++ graph gradients), and for the LOSS_STEPS cases Keras's losses of a few such steps. cases.txt
lists the cases. Case names as arguments rewrite only those cases' files (cases.txt still lists
every case; the refusal files are left alone). The random_fourier_features cases use tf.keras's
layer as random_fourier_features.py restates it.
"""
import json
import os
import sys

import keras
import numpy as np

from random_fourier_features import RandomFourierFeatures

HERE = os.path.dirname(os.path.abspath(__file__))
L = keras.layers
keras.utils.set_random_seed(3)
rng = np.random.default_rng(10)


def seq(shape, *layers):
    return keras.Sequential([keras.Input(shape)] + list(layers))


# name -> (model, input shape without batch, whether to record a training step)
CASES = {
    "global_average_pooling2d": (seq((4, 5, 3), L.Conv2D(2, 2), L.GlobalAveragePooling2D()), True),
    "global_max_pooling2d_keepdims": (
        seq((4, 5, 3), L.Conv2D(2, 2), L.GlobalMaxPooling2D(keepdims=True)), True),
    "global_average_pooling1d": (seq((6, 3), L.Dense(4), L.GlobalAveragePooling1D()), True),
    "global_max_pooling1d": (seq((6, 3), L.Dense(4), L.GlobalMaxPooling1D()), True),
    "zero_padding2d": (seq((3, 4, 2), L.ZeroPadding2D(((1, 2), (0, 3))), L.Conv2D(2, 2),
                           L.Flatten()), True),
    "cropping2d": (seq((6, 7, 2), L.Cropping2D(((1, 2), (2, 1))), L.Conv2D(2, 2), L.Flatten()),
                   True),
    "up_sampling2d_nearest": (seq((3, 2, 2), L.Conv2D(2, 1), L.UpSampling2D((2, 3)), L.Flatten()),
                              True),
    "up_sampling2d_bilinear": (seq((3, 2, 2), L.Conv2D(2, 1),
                                   L.UpSampling2D(2, interpolation="bilinear"), L.Flatten()), True),
    "reshape": (seq((12,), L.Dense(12), L.Reshape((3, -1)), L.Dense(2)), True),
    "permute": (seq((3, 4), L.Dense(5), L.Permute((2, 1)), L.Dense(2)), True),
    "repeat_vector": (seq((3,), L.Dense(4), L.RepeatVector(3), L.Dense(2)), True),
    "rescaling": (seq((4,), L.Rescaling(1 / 127.5, offset=-1), L.Dense(3)), True),
    "normalization_given": (seq((3,), L.Normalization(mean=[1.0, -2.0, 0.5],
                                                      variance=[4.0, 0.25, 1.0]), L.Dense(2)), True),
    "normalization_invert": (seq((3,), L.Normalization(mean=2.0, variance=9.0, invert=True),
                                 L.Dense(2)), True),
    "normalization_adapted": (seq((3,), L.Normalization(), L.Dense(2)), True),
    "layer_normalization": (seq((3, 5), L.Dense(5), L.LayerNormalization(), L.Dense(2)), True),
    "layer_normalization_rms": (seq((5,), L.LayerNormalization(rms_scaling=True, epsilon=0.01),
                                    L.Dense(2)), True),
    "prelu": (seq((4,), L.Dense(3), L.PReLU(), L.Dense(2)), True),
    "prelu_shared": (seq((3, 3, 2), L.Conv2D(2, 1), L.PReLU(shared_axes=[1, 2]), L.Flatten()),
                     True),
    "elu": (seq((4,), L.Dense(3), L.ELU(alpha=0.5), L.Dense(2)), True),
    "dense_rank3": (seq((3, 4), L.Dense(5, activation="relu"), L.Dense(2)), True),
    "hard_sigmoid": (seq((4,), L.Dense(6, activation="hard_sigmoid")), True),
    "random_image_layers": (seq((6, 6, 2), L.RandomFlip(seed=1), L.RandomRotation(0.2, seed=2),
                                L.RandomZoom(0.1, seed=3), L.RandomTranslation(0.1, 0.2, seed=4),
                                L.RandomContrast(0.3, seed=5), L.Conv2D(2, 3), L.Flatten()), False),
    "resizing_center_crop": (seq((5, 6, 1), L.Resizing(8, 7), L.CenterCrop(4, 5),
                                 L.Resizing(3, 3, interpolation="nearest"), L.Flatten()), False),
}
ACTIVATIONS = ["relu", "leaky_relu", "relu6", "softmax", "celu", "elu", "selu", "softplus",
               "softsign", "squareplus", "soft_shrink", "sparse_plus", "silu", "gelu",
               "tanh", "tanh_shrink", "sigmoid", "sparse_sigmoid", "exponential",
               "hard_sigmoid", "hard_silu", "hard_tanh", "hard_shrink", "linear", "mish",
               "log_softmax", "log_sigmoid", "sparsemax", "swish", "hard_swish", "glu"]
# Activations chained through Dense layers, eight per model: every name through load, predict
# and one SGD step (its derivative in every kernel's gradient before it). glu halves the last axis
# but Keras's Activation layer reports the input's shape, so glu goes last, with nothing after.
for i in range(0, len(ACTIVATIONS), 8):
    chain = []
    for a in ACTIVATIONS[i:i + 8]:
        chain += [L.Dense(12 if a == "glu" else 6), L.Activation(a)]
    CASES["activations_%d" % (i // 8)] = (seq((4,), *chain), True)
# Penalties on PReLU's and LayerNormalization's weights: their gradients are in the SGD step.
R = keras.regularizers
CASES["prelu_regularized"] = (
    seq((4,), L.Dense(3), L.PReLU(alpha_regularizer=R.L2(0.3)), L.Dense(2)), True)
CASES["layer_normalization_regularized"] = (
    seq((3, 5), L.Dense(5), L.LayerNormalization(beta_regularizer=R.L1(0.2),
                                                 gamma_regularizer=R.L1L2(0.1, 0.3)),
        L.Dense(2)), True)
# tf.keras's RandomFourierFeatures (above): kernel_scale trained (its SGD step and, in the json's
# kernel_scale_grad, its MSE gradient, for RandomFourierFeaturesTest), and fixed by default.
CASES["random_fourier_features"] = (
    seq((5,), RandomFourierFeatures(8, scale=2.0, trainable=True), L.Dense(3)), True)
CASES["random_fourier_features_laplacian"] = (
    seq((4,), RandomFourierFeatures(6, kernel_initializer="laplacian"), L.Dense(2)), True)
CASES["random_fourier_features_default_scale"] = (
    seq((6,), RandomFourierFeatures(5), L.Dense(2)), True)
# BatchNormalization with penalties and non-default initializers: the penalties change the
# losses and every step; the initializers only a fresh build (keras4j's clone of the model).
I = keras.initializers
CASES["batch_normalization_regularized"] = (
    seq((4,), L.Dense(3), L.BatchNormalization(
        momentum=0.9, beta_regularizer=R.L1(0.1), gamma_regularizer=R.L2(0.5),
        beta_initializer=I.Constant(-0.2), gamma_initializer=I.Constant(1.5),
        moving_mean_initializer=I.Constant(0.3), moving_variance_initializer=I.Constant(2.0)),
        L.Dense(2)), True)
# Constraints of EinsumDense and the depthwise and separable kernels, each active in the step
# (the random weights have negative entries and norms above the limits).
C = keras.constraints
CASES["einsum_dense_constrained"] = (
    seq((3, 4), L.EinsumDense("abc,cd->abd", (3, 5), bias_axes="d",
                              kernel_constraint=C.NonNeg(), bias_constraint=C.MaxNorm(0.5)),
        L.Dense(2)), True)
CASES["separable_conv_constrained"] = (
    seq((5, 5, 2), L.SeparableConv2D(3, 2, depthwise_constraint=C.NonNeg(),
                                     pointwise_constraint=C.MaxNorm(0.5, axis=[0, 1, 2]),
                                     bias_constraint=C.NonNeg()),
        L.DepthwiseConv2D(2, depthwise_constraint=C.UnitNorm(axis=[0, 1, 2])), L.Flatten()),
    True)
# Rescaling per channel: a list scale and a NumPy-array offset (saved as Keras's __numpy__).
CASES["rescaling_per_channel"] = (
    seq((3, 4, 3), L.Rescaling([1 / 255, 2 / 255, 0.5], offset=np.array([-1.0, 0.5, 0.25])),
        L.Conv2D(2, 1), L.Flatten()), True)


def branches(shape, *resizings):
    """One input through each Resizing, flattened and concatenated (one output to compare)."""
    inputs = keras.Input(shape)
    outs = [L.Flatten()(r(inputs)) for r in resizings]
    return keras.Model(inputs, L.Concatenate()(outs))


# Every interpolation Keras allows, with and without antialias, shrinking the height and
# growing the width (ScaleAndTranslate widens its kernel only when downscaling).
INTERPOLATIONS = ["bilinear", "nearest", "bicubic", "area", "lanczos3", "lanczos5"]
CASES["resizing_antialias"] = (branches(
    (9, 12, 2), *[L.Resizing(4, 17, interpolation=i, antialias=a)
                  for i in INTERPOLATIONS for a in (True, False)]), False)
# pad_to_aspect_ratio: rows padded (6 x 6), columns padded (3 x 8), none (4 x 6: Keras pads
# floor((6 - 5) / 2) = 0 rows each side), with fill values, and crop_to_aspect_ratio with
# antialias.
CASES["resizing_pad_to_aspect_ratio"] = (branches(
    (5, 9, 2), L.Resizing(6, 6, pad_to_aspect_ratio=True, fill_value=0.5),
    L.Resizing(3, 8, interpolation="bicubic", pad_to_aspect_ratio=True, fill_value=-2.0,
               antialias=True),
    L.Resizing(4, 6, interpolation="nearest", pad_to_aspect_ratio=True, fill_value=1.0),
    L.Resizing(2, 3, interpolation="lanczos3", crop_to_aspect_ratio=True, antialias=True)),
    False)
# Gradients through the antialiased kernels (TensorFlow's ScaleAndTranslate) and the padding.
CASES["resizing_trained"] = (
    seq((5, 4, 2), L.Conv2D(3, 1), L.Resizing(3, 6, interpolation="lanczos3", antialias=True),
        L.Resizing(4, 4, interpolation="bicubic", antialias=True, pad_to_aspect_ratio=True),
        L.Flatten(), L.Dense(2)), True)
# Cases whose json also holds Keras's "losses" of SGD(0.1) fit steps from the saved weights.
LOSS_STEPS = {"batch_normalization_regularized": 3}
ONLY = set(sys.argv[1:])


def randomize(model):
    for layer in model.layers:
        values = []
        for w in layer.weights:
            v = rng.uniform(-0.8, 0.8, w.shape)
            if "variance" in w.path or "kernel_scale" in w.path:
                v = np.abs(v) + 0.3
            values.append(v.astype(w.dtype))
        if values:
            layer.set_weights(values)


def flat(a):
    return np.asarray(a, dtype=np.float64).reshape(-1).tolist()


def kernel_scale_grad(model, x, y):
    """d MSE(model(x), target) / d kernel_scale, for a fixed target drawn here (stored too)."""
    import tensorflow as tf
    target = rng.uniform(-1, 1, y.shape).astype(np.float32)
    scale = model.layers[0].kernel_scale
    with tf.GradientTape() as tape:
        tape.watch(scale.value)
        loss = keras.losses.MeanSquaredError()(target, model(x))
    return {"target": flat(target), "grad": flat(tape.gradient(loss, scale.value))}


names = []
for name, (model, trains) in CASES.items():
    if ONLY and name not in ONLY:
        names.append(name)
        continue
    shape = model.inputs[0].shape[1:]
    x = rng.uniform(-1, 1, (3,) + tuple(shape)).astype(np.float32)
    if name == "normalization_adapted":
        model.layers[0].adapt(rng.normal(1.5, 2.0, (20, 3)).astype(np.float32))
    randomize(model) if name != "normalization_adapted" else model.layers[1].set_weights(
        [rng.uniform(-0.8, 0.8, w.shape).astype(np.float32) for w in model.layers[1].weights])
    if name == "rescaling":
        x = rng.uniform(0, 255, x.shape).astype(np.float32)
    model.save(os.path.join(HERE, name + ".keras"))
    model.save(os.path.join(HERE, name + ".h5"))
    y = model.predict(x, verbose=0)
    case = {"x": flat(x), "x_shape": list(x.shape), "y": flat(y), "y_shape": list(y.shape)}
    if trains:
        if name.startswith("random_fourier_features"):
            case["kernel_scale_grad"] = kernel_scale_grad(model, x, y)
        target = rng.uniform(-1, 1, y.shape).astype(np.float32)
        model.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse")
        model.train_on_batch(x, target)
        case["target"] = flat(target)
        # Float weights only: keras4j has no Normalization "count" (int, unused by Keras 3).
        case["after"] = [flat(v.numpy()) for v in model.weights if "float" in v.dtype]
    if name in LOSS_STEPS:
        fresh = keras.saving.load_model(os.path.join(HERE, name + ".keras"))
        fresh.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse")
        history = fresh.fit(x, target, epochs=LOSS_STEPS[name], batch_size=len(x),
                            shuffle=False, verbose=0)
        case["losses"] = history.history["loss"]
    with open(os.path.join(HERE, name + ".json"), "w") as f:
        json.dump(case, f)
    names.append(name)
    print(name, "ok")
with open(os.path.join(HERE, "cases.txt"), "w") as f:
    f.write("\n".join(names) + "\n")


# ---- Files keras4j must refuse (LayerRefusalsTest): a custom class registered as custom>Dense,
# which doubles Dense's output, an int8-quantized Dense and an IntegerLookup hashing its OOVs.
@keras.saving.register_keras_serializable(package="custom", name="Dense")
class Dense(L.Dense):
    def call(self, x):
        return 2 * super().call(x)


if not ONLY:
    custom = seq((3,), Dense(2))
    custom.save(os.path.join(HERE, "refused_custom_dense.keras"))
    custom.save(os.path.join(HERE, "refused_custom_dense.h5"))
if not ONLY or "refused_int8_dense" in ONLY:
    # An int8-quantized Dense (mixed precision loads; quantized policies do not).
    quantized = seq((3,), L.Dense(2))
    quantized.quantize("int8")
    quantized.save(os.path.join(HERE, "refused_int8_dense.keras"))
if not ONLY or "refused_farmhash_lookup" in ONLY:
    # Integers out of the vocabulary hashed over two OOV indices (keras4j has floormod only).
    lookup = keras.Sequential([keras.Input((2,), dtype="int64"), L.IntegerLookup(
        vocabulary=[4, 7], num_oov_indices=2, oov_method="farmhash")])
    lookup.save(os.path.join(HERE, "refused_farmhash_lookup.keras"))
