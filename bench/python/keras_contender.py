"""Keras's own numbers for keras4j's benchmark (bench/src/main/java/keras4j/bench/PythonKeras.java).

Serves one model of the benchmark, the same as keras4j's, trained by Keras's fit on the same
arrays: started as

    python keras_contender.py MODEL X_FILE Y_FILE SAMPLES STEPS_PER_EXECUTION

with MODEL "cnn" (X: SAMPLES x 784 float32) or "lstm" (X: SAMPLES x 80 int32), Y: SAMPLES int32,
little-endian raw files written by the benchmark. Prints "ready KERAS_VERSION TF_VERSION", then
answers each line "epoch BATCH" on stdin with "ok SECONDS", the seconds of one shuffled epoch
from its start to its end (as keras4j's EpochTimer), until "quit". TensorFlow's default threads.
"""
import gc
import os
import sys
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "1")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import keras  # noqa: E402
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402


def build(kind):
    if kind == "cnn":
        layers = [keras.Input((784,)), keras.layers.Reshape((28, 28, 1))]
        for filters in (16, 32):
            layers += [keras.layers.Conv2D(filters, 3, use_bias=False),
                       keras.layers.BatchNormalization(), keras.layers.Activation("relu"),
                       keras.layers.MaxPooling2D()]
        layers += [keras.layers.Flatten(), keras.layers.Dense(10, activation="softmax")]
    else:
        layers = [keras.Input((80,), dtype="int32"), keras.layers.Embedding(1000, 32),
                  keras.layers.LSTM(64), keras.layers.Dense(2, activation="softmax")]
    return keras.Sequential(layers)


class EpochTimer(keras.callbacks.Callback):
    seconds = 0.0

    def on_train_begin(self, logs=None):
        gc.collect()  # the garbage of the previous call, not during the timed epoch

    def on_epoch_begin(self, epoch, logs=None):
        self.start = time.perf_counter()

    def on_epoch_end(self, epoch, logs=None):
        self.seconds = time.perf_counter() - self.start


def main():
    kind, x_file, y_file, samples, steps = sys.argv[1:6]
    samples = int(samples)
    x = np.fromfile(x_file, dtype="<f4" if kind == "cnn" else "<i4").reshape(samples, -1)
    y = np.fromfile(y_file, dtype="<i4")
    keras.utils.set_random_seed(42)
    model = build(kind)
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy",
                  steps_per_execution=int(steps))
    print("ready", keras.__version__, tf.__version__, flush=True)
    timer = EpochTimer()
    for line in sys.stdin:
        words = line.split()
        if not words or words[0] == "quit":
            break
        model.fit(x, y, epochs=1, batch_size=int(words[1]), verbose=0, callbacks=[timer])
        print("ok %.6f" % timer.seconds, flush=True)


if __name__ == "__main__":
    main()
