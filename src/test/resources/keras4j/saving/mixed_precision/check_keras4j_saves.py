"""Loads keras4j's saves of the mixed precision fixtures in Python Keras and checks that the
policies come back and the models predict Keras's numbers.

keras4j writes them when MixedPrecisionFilesTest runs with a directory to keep them in:
    mvn -q test -Dtest=MixedPrecisionFilesTest -Dkeras4j.mixedPrecisionSaves=/tmp/mp-saves
    /work/venv/bin/python src/test/resources/keras4j/saving/mixed_precision/check_keras4j_saves.py /tmp/mp-saves

For every NAME.keras beside this script, DIR/NAME.keras is loaded with keras.saving.load_model
(the global policy float32): each layer must have the policy of the original, and the model must
predict NAME_y.csv within a step of the precision. Exits non-zero if any fails.

Last run (Keras 3.15.1, TensorFlow 2.21): all six ok, each layer's policy as saved (the inputs
float32, the CNN's last Dense float32), max |difference| 0.0.
"""
import glob
import os
import sys

import keras
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
failed = False
for path in sorted(glob.glob(os.path.join(HERE, "*.keras"))):
    name = os.path.basename(path)[:-len(".keras")]
    original = keras.saving.load_model(path)
    saved = keras.saving.load_model(os.path.join(sys.argv[1], name + ".keras"))
    policies = [layer.dtype_policy.name for layer in saved.layers]
    x = np.loadtxt(os.path.join(HERE, name + "_x.csv"), delimiter=",", dtype=np.float32, ndmin=2)
    if name.startswith("cnn"):
        x = x.reshape(-1, 8, 8, 1)
    y = np.loadtxt(os.path.join(HERE, name + "_y.csv"), delimiter=",", dtype=np.float32, ndmin=2)
    worst = float(np.abs(np.asarray(saved.predict(x, verbose=0), np.float32) - y).max())
    ok = policies == [layer.dtype_policy.name for layer in original.layers] and worst < 1e-2
    failed |= not ok
    print("ok  " if ok else "FAIL", name, policies, "max |difference|", worst)
sys.exit(1 if failed else 0)
