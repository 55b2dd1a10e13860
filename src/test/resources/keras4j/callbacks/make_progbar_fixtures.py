"""Writes progbar.json, what Keras's ProgbarLogger prints, for keras4j's ProgbarTextTest.

Run (Keras 3.15.1):
    python3 src/test/resources/keras4j/callbacks/make_progbar_fixtures.py

Each scenario is a list of callback events (hook, batch or epoch, logs, and the clock's time
when it happens: Progbar's time.time() is replaced by that clock) and the exact text Keras's
ProgbarLogger writes to stdout for them. On Linux Keras redraws in place ("posix" is loaded).
The logs are in the order the progress bar gets them in fit: sorted by Keras's CallbackList
(pythonify_logs), then what earlier callbacks add (ReduceLROnPlateau's learning_rate) after.
"""
import contextlib
import io
import json
import os

import numpy as np
from keras.src.callbacks.progbar_logger import ProgbarLogger
from keras.src.utils import progbar

HERE = os.path.dirname(os.path.abspath(__file__))


class Clock:
    now = 0.0

    def time(self):
        return self.now


clock = Clock()
progbar.time = clock


def f32(x):
    return float(np.float32(x))


def as_fit_orders(logs):
    """Sorted, as CallbackList gives them, learning_rate (added by a callback) last."""
    ordered = dict(sorted((k, v) for k, v in logs.items() if k != "learning_rate"))
    if "learning_rate" in logs:
        ordered["learning_rate"] = logs["learning_rate"]
    return ordered


def run(name, verbose, epochs, steps, events, fit=True):
    events = [(hook, index, as_fit_orders(logs), t) for hook, index, logs, t in events]
    logger = ProgbarLogger()
    logger.set_params({"verbose": verbose, "epochs": max(epochs, 1), "steps": steps})
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        if fit:
            logger.on_train_begin()
        for hook, index, logs, t in events:
            clock.now = t
            method = getattr(logger, "on_" + hook)
            if index is None:
                method(dict(logs))
            else:
                method(index, dict(logs))
    return {"name": name, "verbose": verbose, "epochs": epochs, "steps": steps,
            "events": [list(e) for e in events], "stdout": out.getvalue()}


def epoch_events(epoch, t0, batch_times, losses, end_logs, accuracy=None):
    events = [("epoch_begin", epoch, {}, t0)]
    for b, (t, loss) in enumerate(zip(batch_times, losses)):
        logs = {"loss": f32(loss)}
        if accuracy is not None:
            logs["accuracy"] = f32(accuracy[b])
        events.append(("train_batch_end", b, logs, t))
    events.append(("epoch_end", epoch, end_logs, batch_times[-1] + 0.001))
    return events


# Ten steps: the ETA shrinks from minutes to seconds, a loss goes from 1e-4 to 0.5 (the line
# gets shorter), two steps fall within 0.05 s of each other (the second is not drawn).
times = [100.0 + 7.5 * i for i in range(1, 11)]
times[5] = times[4] + 0.01
losses = [1e-4, 2e-4, 0.5, 0.25, 0.125, 0.1, 0.0, -0.5, 1234.5, 0.3]
acc = [0.1 * i for i in range(10)]
scenarios = [
    run("verbose1", 1, 2, 10,
        epoch_events(0, 100.0, times, losses,
                     {"loss": f32(0.3), "accuracy": f32(0.9), "val_loss": f32(0.25),
                      "val_accuracy": f32(0.875), "learning_rate": f32(0.001)}, acc)
        + epoch_events(1, 200.0, [200.0 + 400 * i for i in range(1, 11)], [0.2] * 10,
                       {"loss": f32(0.2), "accuracy": f32(0.95)}, [0.95] * 10)),
    run("verbose2", 2, 3, 10,
        sum([epoch_events(e, 10.0 * e, [10.0 * e + 0.0123 * (i + 1) for i in range(10)],
                          [0.5 / (e + 1)] * 10, {"loss": f32(0.5 / (e + 1)),
                                                 "mae": f32(-0.25 * e)}) for e in range(3)],
            [])),
    run("one_epoch_slow", 1, 1, 3,
        epoch_events(0, 0.0, [2000.0, 4000.0, 9000.5], [0.5, 0.4, 0.3], {"loss": f32(0.3)})),
    run("evaluate", 1, 0, 4,
        [("test_begin", None, {}, 5.0)]
        + [("test_batch_end", b, {"loss": f32(0.1 * (b + 1))}, 5.0 + 0.0004 * (b + 1))
           for b in range(4)]
        + [("test_end", None, {"loss": f32(0.25)}, 5.002)], fit=False),
]
with open(os.path.join(HERE, "progbar.json"), "w") as f:
    json.dump({"scenarios": scenarios}, f, indent=1)
    f.write("\n")
for s in scenarios:
    print(repr(s["stdout"][:400]))
