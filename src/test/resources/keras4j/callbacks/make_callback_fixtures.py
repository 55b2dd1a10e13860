"""Writes the Python-Keras fixtures of keras4j's CSVLoggerTest and ReduceLROnPlateauTest.

Run (Keras 3.15.1, TensorFlow backend):
    python3 src/test/resources/keras4j/callbacks/make_callback_fixtures.py

Keras's own callbacks are driven with fixed epoch logs (float32 values, as fit logs them):
CSVLogger writes the csv files, ReduceLROnPlateau's rates and printed lines go to
reduce_lr.json, with the logs that produced them.
"""
import contextlib
import io
import json
import os

import keras
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def f32(x):
    return float(np.float32(x))


model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
model.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse")


def drive(callbacks, logs_per_epoch, first_epoch=0):
    for cb in callbacks:
        cb.set_model(model)
        cb.on_train_begin()
    seen = []
    for i, logs in enumerate(logs_per_epoch):
        logs = dict(logs)
        for cb in callbacks:
            cb.on_epoch_end(first_epoch + i, logs)
        seen.append(logs)
    for cb in callbacks:
        cb.on_train_end()
    return seen


with_val = [{"loss": f32(0.6066460609436035), "accuracy": f32(0.5), "val_loss": f32(0.71),
             "val_accuracy": f32(1 / 3)},
            {"loss": f32(1.2e-5), "accuracy": f32(0.75), "val_loss": f32(0.0001),
             "val_accuracy": f32(2 / 3)},
            {"loss": f32(12345.678), "accuracy": f32(1.0), "val_loss": f32(3e17),
             "val_accuracy": f32(0.0)}]
drive([keras.callbacks.CSVLogger(os.path.join(HERE, "keras_with_val.csv"))], with_val)

no_val = [{"loss": f32(0.25), "mae": f32(0.4)}, {"loss": f32(0.125), "mae": f32(0.3)}]
drive([keras.callbacks.CSVLogger(os.path.join(HERE, "keras_no_val.csv"), separator=";")], no_val)

append_path = os.path.join(HERE, "keras_append.csv")
if os.path.exists(append_path):
    os.remove(append_path)
drive([keras.callbacks.CSVLogger(append_path, append=True)], no_val)
drive([keras.callbacks.CSVLogger(append_path, append=True)], no_val[:1], first_epoch=2)

scenarios = []


def plateau(name, monitor_values, lr=0.1, **kwargs):
    model.optimizer.learning_rate = lr
    monitor = kwargs.get("monitor", "val_loss")
    cb = keras.callbacks.ReduceLROnPlateau(verbose=1, **kwargs)
    logs = [{"loss": f32(1.0), monitor: f32(v)} for v in monitor_values]
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        seen = drive([cb, keras.callbacks.CSVLogger(os.path.join(HERE, name + ".csv"))], logs)
    scenarios.append({"name": name, "initial_lr": lr, "args": kwargs, "logs": logs,
                      "learning_rates": [s["learning_rate"] for s in seen],
                      "stdout": out.getvalue()})


plateau("plateau_min", [1.0, 0.9, 0.95, 0.96, 0.97, 0.8, 0.85, 0.86, 0.87, 0.88, 0.89, 0.9],
        factor=0.5, patience=2, cooldown=1, min_lr=0.02, min_delta=0.01)
plateau("plateau_max", [0.5, 0.6, 0.6, 0.6, 0.6, 0.7, 0.7, 0.7], monitor="val_accuracy",
        mode="max", factor=0.2, patience=1)
plateau("plateau_defaults", [1.0] * 12 + [0.5] + [0.5] * 11)

with open(os.path.join(HERE, "reduce_lr.json"), "w") as f:
    json.dump({"keras_version": keras.__version__, "scenarios": scenarios}, f, indent=1)
    f.write("\n")
