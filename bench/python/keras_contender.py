"""Python contenders for keras4j's benchmark (bench/src/main/java/keras4j/bench/PythonKeras.java).

Serves one model of the benchmark, the same as keras4j's, trained on the same arrays by Keras's
fit (TensorFlow or JAX backend) or by a PyTorch eager loop: started as

    python keras_contender.py MODEL X_FILE Y_FILE SAMPLES STEPS_PER_EXECUTION [FRAMEWORK]

with MODEL "cnn" (X: SAMPLES x 784 float32), "lstm" (X: SAMPLES x 80 int32) or an MLP's widths
"mlp-784-128-10" (X: SAMPLES x 784 float32), Y: SAMPLES int32, little-endian raw files written by
the benchmark; FRAMEWORK "tensorflow" (the default), "jax" or "torch" (MLPs only). Prints "ready
FRAMEWORK_VERSIONS", then answers each line "epoch BATCH" on stdin with "ok SECONDS", the seconds
of one shuffled epoch from its start to its end (as keras4j's EpochTimer), until "quit". Every
framework keeps its default threads; Keras's defaults compile with XLA on JAX, not on a TF CPU.
"""
import gc
import os
import sys
import time

FRAMEWORK = sys.argv[6] if len(sys.argv) > 6 else "tensorflow"
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "1")
os.environ["KERAS_BACKEND"] = "tensorflow" if FRAMEWORK == "torch" else FRAMEWORK

import keras  # noqa: E402
import numpy as np  # noqa: E402


def build(kind):
    if kind.startswith("mlp-"):
        widths = [int(w) for w in kind.split("-")[1:]]
        layers = [keras.Input((widths[0],))]
        for i, width in enumerate(widths[1:]):
            last = i == len(widths) - 2
            layers.append(keras.layers.Dense(width, activation="softmax" if last else "relu"))
    elif kind == "cnn":
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


class TorchMlp:
    """The loop a PyTorch user writes: eager, logits into CrossEntropyLoss, Adam as Keras's."""

    def __init__(self, kind, x, y):
        import torch

        self.torch = torch
        torch.manual_seed(42)
        widths = [int(w) for w in kind.split("-")[1:]]
        layers = []
        for i in range(1, len(widths)):
            layers.append(torch.nn.Linear(widths[i - 1], widths[i]))
            if i < len(widths) - 1:
                layers.append(torch.nn.ReLU())
        self.model = torch.nn.Sequential(*layers)
        self.optimizer = torch.optim.Adam(self.model.parameters(), lr=1e-3, eps=1e-7)
        self.loss = torch.nn.CrossEntropyLoss()
        self.x = torch.from_numpy(x)
        self.y = torch.from_numpy(y).long()

    def epoch(self, batch):
        gc.collect()
        start = time.perf_counter()
        order = self.torch.randperm(len(self.y))
        for first in range(0, len(self.y), batch):
            rows = order[first:first + batch]
            self.optimizer.zero_grad()
            self.loss(self.model(self.x[rows]), self.y[rows]).backward()
            self.optimizer.step()
        return time.perf_counter() - start

    def versions(self):
        return "PyTorch " + self.torch.__version__


class KerasFit:
    """Keras's fit of the benchmark's model, with its defaults."""

    def __init__(self, kind, x, y, steps):
        keras.utils.set_random_seed(42)
        self.model = build(kind)
        self.model.compile(optimizer="adam", loss="sparse_categorical_crossentropy",
                           steps_per_execution=steps)
        self.x, self.y = x, y
        self.timer = EpochTimer()

    def epoch(self, batch):
        self.model.fit(self.x, self.y, epochs=1, batch_size=batch, verbose=0,
                       callbacks=[self.timer])
        return self.timer.seconds

    def versions(self):
        backend = __import__(FRAMEWORK)
        return "Keras %s on %s %s" % (keras.__version__, FRAMEWORK, backend.__version__)


def main():
    kind, x_file, y_file, samples, steps = sys.argv[1:6]
    samples = int(samples)
    x = np.fromfile(x_file, dtype="<i4" if kind == "lstm" else "<f4").reshape(samples, -1)
    y = np.fromfile(y_file, dtype="<i4")
    if FRAMEWORK == "torch":
        contender = TorchMlp(kind, x, y)
    else:
        contender = KerasFit(kind, x, y, int(steps))
    print("ready", contender.versions(), flush=True)
    for line in sys.stdin:
        words = line.split()
        if not words or words[0] == "quit":
            break
        print("ok %.6f" % contender.epoch(int(words[1])), flush=True)


if __name__ == "__main__":
    main()
