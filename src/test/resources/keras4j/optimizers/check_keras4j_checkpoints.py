"""The reverse of KerasCheckpointTest: Python Keras resumes the checkpoints keras4j saved.

KerasCheckpointTest loads each Keras checkpoint (checkpoints/<case>.keras) and saves it again
with keras4j, before training, to target/keras4j-checkpoints/. This script loads those files in
Keras 3, trains 2 more epochs as make_keras_optimizer_fixtures.py did, and checks the losses and
weights against checkpoints.json (Keras's own run) within 1e-5 relative, and that the optimizer
config (class, schedule, options) is Keras's. A development check, not run by the build:
    mvn -q test -Dtest=KerasCheckpointTest
    KERAS_BACKEND=tensorflow python3 src/test/resources/keras4j/optimizers/check_keras4j_checkpoints.py
"""
import json
import os
import sys

import keras
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import make_keras_optimizer_fixtures as fixtures  # noqa: E402

SAVED = os.path.join(HERE, "..", "..", "..", "..", "..", "target", "keras4j-checkpoints")


def close(expected, actual):
    expected, actual = np.asarray(expected), np.asarray(actual)
    return float(np.max(np.abs(actual - expected) / np.maximum(np.abs(expected), 1e-2)))


def main():
    expected = json.load(open(os.path.join(HERE, "checkpoints.json")))
    failed = []
    for name, want in expected.items():
        m = keras.saving.load_model(os.path.join(SAVED, name + ".keras"))
        original = keras.saving.load_model(os.path.join(HERE, "checkpoints", name + ".keras"))
        config, wanted = m.optimizer.get_config(), original.optimizer.get_config()
        config.pop("name"), wanted.pop("name")
        same_config = type(m.optimizer) is type(original.optimizer) and config == wanted
        losses = fixtures.fit(m, 2)
        errors = close(want["losses"], losses), close(want["weights"], fixtures.flat(m))
        ok = same_config and max(errors) <= 1e-5
        print(f"{name:10s} config {'same' if same_config else 'DIFFERENT'}, "
              f"losses {errors[0]:.2e}, weights {errors[1]:.2e} {'ok' if ok else 'FAILED'}")
        if not same_config:
            print("  keras4j:", config, "\n  keras:  ", wanted)
        if not ok:
            failed.append(name)
    if failed:
        sys.exit("keras4j checkpoints Keras does not resume: " + ", ".join(failed))


if __name__ == "__main__":
    main()
