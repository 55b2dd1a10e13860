"""Writes the Python-Keras fixtures of keras4j's convolution and pooling tests.

Run from the repository root (Keras 3.15.1, TensorFlow backend, CPU):
    /work/venv/bin/python src/test/resources/keras4j/layers/conv/make_conv_fixtures.py

For each case: a one-layer model (pooling cases put a 1x1 convolution before the pooling layer,
so that the SGD step differentiates through the pooling), random weights, saved as
<case>.keras and <case>.h5 (legacy HDF5), and <case>.json holding
  x, x_shape         an input batch
  y, y_shape         Keras's prediction for it
  target             a regression target of y's shape
  after              every weight (model.weights order) after one SGD(0.1) step on mse(target)
  more               further (x, y) pairs at other spatial sizes, for inputs of unknown size
  configs            each layer's get_config()
Arrays are flat, in C order.
"""
import json
import os

import keras
import numpy as np
from keras import layers

HERE = os.path.dirname(os.path.abspath(__file__))
LR = 0.1


def case(name, shape, *stack, more_shapes=()):
    return name, shape, stack, more_shapes


CASES = [
    case("conv1d_valid", (7, 2), layers.Conv1D(3, 3)),
    case("conv1d_same_strided", (9, 3),
         layers.Conv1D(4, 3, strides=2, padding="same", activation="relu")),
    case("conv1d_causal_dilated", (10, 2), layers.Conv1D(3, 3, padding="causal", dilation_rate=2)),
    case("conv1d_groups", (6, 4), layers.Conv1D(4, 2, groups=2, use_bias=False)),
    case("conv2d_dilated_same", (7, 7, 2), layers.Conv2D(3, 3, dilation_rate=2, padding="same")),
    case("conv2d_dilated_valid", (9, 8, 2),
         layers.Conv2D(2, (3, 2), dilation_rate=(2, 3), padding="valid")),
    case("conv2d_groups", (6, 6, 3), layers.Conv2D(6, 3, groups=3, padding="same", strides=2)),
    case("conv3d_same_strided", (5, 4, 5, 2),
         layers.Conv3D(4, (2, 3, 2), strides=(2, 1, 2), padding="same")),
    case("conv3d_dilated_groups", (5, 4, 5, 2),
         layers.Conv3D(4, 2, dilation_rate=(2, 1, 2), groups=2, activation="tanh")),
    case("depthwise2d", (6, 6, 3), layers.DepthwiseConv2D(3, depth_multiplier=2, padding="same")),
    case("depthwise2d_dilated", (8, 8, 2), layers.DepthwiseConv2D((3, 3), dilation_rate=2)),
    case("depthwise2d_strided_dilated", (9, 9, 2),
         layers.DepthwiseConv2D(3, strides=2, dilation_rate=2, padding="same")),
    case("depthwise1d", (9, 3),
         layers.DepthwiseConv1D(3, depth_multiplier=2, padding="same", strides=2)),
    case("separable2d", (6, 6, 3),
         layers.SeparableConv2D(4, 3, depth_multiplier=2, padding="same", activation="relu")),
    case("separable2d_dilated", (8, 8, 2), layers.SeparableConv2D(3, 3, dilation_rate=2)),
    case("separable1d", (9, 3), layers.SeparableConv1D(4, 3, strides=2)),
    case("conv2d_transpose_same", (4, 4, 2), layers.Conv2DTranspose(3, 3, strides=2, padding="same")),
    case("conv2d_transpose_output_padding", (3, 4, 2),
         layers.Conv2DTranspose(2, (3, 2), strides=(2, 3), output_padding=(1, 2))),
    case("conv2d_transpose_dilated", (5, 5, 2),
         layers.Conv2DTranspose(2, 3, dilation_rate=2, padding="same")),
    case("conv2d_transpose_same_output_padding", (3, 3, 2),
         layers.Conv2DTranspose(2, 4, strides=2, padding="same", output_padding=1)),
    case("conv1d_transpose", (5, 2), layers.Conv1DTranspose(3, 3, strides=2, padding="same")),
    case("conv1d_transpose_dilated", (5, 2), layers.Conv1DTranspose(2, 3, dilation_rate=2)),
    case("max_pooling1d", (9, 2), layers.Conv1D(2, 1),
         layers.MaxPooling1D(3, strides=2, padding="same")),
    case("average_pooling1d", (9, 2), layers.Conv1D(2, 1), layers.AveragePooling1D(2)),
    case("average_pooling1d_same", (9, 2), layers.Conv1D(2, 1),
         layers.AveragePooling1D(3, strides=2, padding="same")),
    case("max_pooling3d", (4, 5, 4, 2), layers.Conv3D(2, 1), layers.MaxPooling3D((2, 2, 2))),
    case("average_pooling3d_same", (3, 5, 4, 2), layers.Conv3D(2, 1),
         layers.AveragePooling3D(2, strides=(1, 2, 2), padding="same")),
    case("unknown_size_2d", (None, None, 3),
         layers.Conv2D(4, 3, padding="same", dilation_rate=2),
         layers.DepthwiseConv2D(3, strides=2, padding="same"),
         layers.Conv2DTranspose(2, 3, strides=2),
         layers.MaxPooling2D(),
         more_shapes=[(7, 9, 3), (8, 6, 3)]),
    case("unknown_size_1d", (None, 2),
         layers.Conv1D(3, 3, padding="causal", dilation_rate=2),
         layers.SeparableConv1D(2, 2, padding="same"),
         layers.AveragePooling1D(2, padding="same"),
         more_shapes=[(11, 2), (4, 2)]),
]


def flat(a):
    return [float(v) for v in np.asarray(a, dtype=np.float32).ravel()]


def randomize(model, rng):
    # Non-zero biases too, so that a dropped bias would show.
    for w in model.weights:
        w.assign(rng.uniform(-0.5, 0.5, w.shape).astype(np.float32))


def main():
    keras.utils.set_random_seed(3)
    rng = np.random.default_rng(5)
    for name, shape, stack, more_shapes in CASES:
        model = keras.Sequential([keras.Input(shape)] + list(stack), name=name)
        randomize(model, rng)
        model.compile(optimizer=keras.optimizers.SGD(LR), loss="mse")
        model.save(os.path.join(HERE, name + ".keras"))
        model.save(os.path.join(HERE, name + ".h5"))
        concrete = more_shapes[0] if None in shape else shape
        x = rng.uniform(-1, 1, (2,) + tuple(concrete)).astype(np.float32)
        y = model.predict(x, verbose=0)
        more = []
        for extra in more_shapes[1:]:
            x2 = rng.uniform(-1, 1, (2,) + tuple(extra)).astype(np.float32)
            more.append({"x": flat(x2), "x_shape": list(x2.shape),
                         "y": flat(model.predict(x2, verbose=0)),
                         "y_shape": list(model.predict(x2, verbose=0).shape)})
        target = rng.uniform(-1, 1, y.shape).astype(np.float32)
        model.fit(x, target, batch_size=len(x), epochs=1, shuffle=False, verbose=0)
        fixture = {
            "x": flat(x), "x_shape": list(x.shape), "y": flat(y), "y_shape": list(y.shape),
            "target": flat(target), "lr": LR,
            "after": [{"name": w.path, "shape": list(w.shape), "values": flat(w.numpy())}
                      for w in model.weights],
            "more": more,
            "configs": [layer.get_config() for layer in model.layers],
        }
        with open(os.path.join(HERE, name + ".json"), "w") as f:
            json.dump(fixture, f)
        print(name, "output", y.shape, "weights", [tuple(w.shape) for w in model.weights])


if __name__ == "__main__":
    main()
