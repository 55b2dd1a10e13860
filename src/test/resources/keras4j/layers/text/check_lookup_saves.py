"""Loads keras4j's saves of the lookup fixtures in Keras and checks Keras's outputs.

mvn -q -o test -Dtest=LookupFixturesTest -Dkeras4j.exportLookupSaves=/tmp/lookups
TF_CPP_MIN_LOG_LEVEL=3 /work/venv/bin/python check_lookup_saves.py /tmp/lookups
"""
import json
import os
import sys

import keras
import numpy as np
import tensorflow as tf

here = os.path.dirname(os.path.abspath(__file__))
cases = json.load(open(os.path.join(here, "lookups.json")))
for name in sorted(os.listdir(sys.argv[1])):
    case = cases[name[: -len(".keras")]]
    model = keras.saving.load_model(os.path.join(sys.argv[1], name))
    y = model(tf.constant(case["x"], dtype=case["dtype"])).numpy()
    np.testing.assert_allclose(y, np.array(case["expected"]), atol=1e-6)
    print("ok", name)
