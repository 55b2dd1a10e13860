"""Development check: Python Keras loads keras4j's saves of every layer fixture.

    mvn -q test -Dtest=LayerFixturesTest -Dkeras4j.exportLayerSaves=/tmp/keras4j-saves
    KERAS_BACKEND=tensorflow python3 src/test/resources/keras4j/layers/check_keras4j_saves.py \
        /tmp/keras4j-saves [cases list, default cases.txt; e.g. attention/cases.txt after
        -Dtest=AttentionFixturesTest]

For each case: keras.saving.load_model(<case>.keras) written by keras4j, and Keras's own fixture
model with keras4j's <case>.weights.h5 loaded into it, must both predict <case>.json's expected
output (Keras's) within 1e-5.
"""
import json
import os
import sys

import keras
import numpy as np

from random_fourier_features import RandomFourierFeatures

HERE = os.path.dirname(os.path.abspath(__file__))
saves = sys.argv[1]
cases = sys.argv[2] if len(sys.argv) > 2 else "cases.txt"
failures = 0
custom = {"RandomFourierFeatures": RandomFourierFeatures}  # tf.keras's, absent in Keras 3
for name in open(os.path.join(HERE, cases)).read().split():
    case = json.load(open(os.path.join(HERE, name + ".json")))
    x = np.array(case["x"], np.float32).reshape(case["x_shape"])
    y = np.array(case["y"], np.float32).reshape(case["y_shape"])
    saved = os.path.join(saves, name.replace("/", "_"))  # as LayerFixturesTest names them
    model = keras.saving.load_model(saved + ".keras", custom_objects=custom)
    own = keras.saving.load_model(os.path.join(HERE, name + ".keras"), custom_objects=custom)
    own.load_weights(saved + ".weights.h5")
    worst = max(np.abs(model.predict(x, verbose=0) - y).max(),
                np.abs(own.predict(x, verbose=0) - y).max())
    ok = worst <= 1e-5
    failures += not ok
    print("%-32s %s max |diff| %.2g" % (name, "ok  " if ok else "FAIL", worst))
print("all loaded and matched" if failures == 0 else "%d failed" % failures)
sys.exit(1 if failures else 0)
