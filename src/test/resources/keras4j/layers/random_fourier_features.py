"""tf.keras 2's RandomFourierFeatures (tf_keras/layers/kernelized.py), which Keras 3 lacks,
restated for Keras 3 with its weights, call and config, and saved as tf.keras names it (module
keras.layers, class RandomFourierFeatures): cos(x @ (unscaled_kernel / kernel_scale) + bias).
make_layer_fixtures.py writes its cases with it; check_keras4j_saves.py loads keras4j's saves of
them with it."""
import keras
import numpy as np

L = keras.layers


class RandomFourierFeatures(L.Layer):
    """tf.keras's layer: the same arguments, weights, call and config."""

    def __init__(self, output_dim, kernel_initializer="gaussian", scale=None, trainable=False,
                 **kwargs):
        super().__init__(trainable=trainable, **kwargs)
        self.output_dim = output_dim
        self.kernel_initializer = kernel_initializer
        self.scale = scale

    def build(self, input_shape):
        input_dim = input_shape[-1]
        if self.kernel_initializer == "gaussian":
            init = keras.initializers.RandomNormal(stddev=1.0)
        else:
            init = keras.initializers.Constant(np.tan(np.pi * (
                np.random.uniform(size=(input_dim, self.output_dim)) - 0.5)))
        self.unscaled_kernel = self.add_weight(name="unscaled_kernel",
                                               shape=(input_dim, self.output_dim),
                                               initializer=init, trainable=False)
        self.bias = self.add_weight(name="bias", shape=(self.output_dim,), trainable=False,
                                    initializer=keras.initializers.RandomUniform(0.0, 2 * np.pi))
        if self.scale is None:
            self.scale = (float(np.sqrt(input_dim / 2.0)) if self.kernel_initializer == "gaussian"
                          else 1.0)
        self.kernel_scale = self.add_weight(
            name="kernel_scale", shape=(1,), trainable=True, constraint="NonNeg",
            initializer=keras.initializers.Constant(self.scale))

    def call(self, inputs):
        kernel = (1.0 / self.kernel_scale) * self.unscaled_kernel
        return keras.ops.cos(keras.ops.matmul(inputs, kernel) + self.bias)

    def compute_output_shape(self, input_shape):
        return (input_shape[0], self.output_dim)

    def get_config(self):
        return {**super().get_config(), "output_dim": self.output_dim,
                "kernel_initializer": self.kernel_initializer, "scale": self.scale}


RandomFourierFeatures.__module__ = "keras.layers"
