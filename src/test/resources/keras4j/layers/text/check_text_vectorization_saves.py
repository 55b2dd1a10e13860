"""Loads keras4j's saves of the TextVectorization fixtures in Keras and checks Keras's outputs.

mvn -q -o test -Dtest=TextVectorizationFixturesTest -Dkeras4j.exportTextSaves=/tmp/text_saves
TF_CPP_MIN_LOG_LEVEL=3 /work/venv/bin/python check_text_vectorization_saves.py /tmp/text_saves
"""
import json
import os
import sys

import keras
import numpy as np
import tensorflow as tf

here = os.path.dirname(os.path.abspath(__file__))
fixtures = json.load(open(os.path.join(here, "text_vectorization.json")))
sentences = tf.constant(fixtures["sentences"])
failed = 0
for name in sorted(os.listdir(sys.argv[1])):
    case = name[: -len(".keras")]
    want = fixtures["model"] if case == "model" else fixtures["cases"][case]["expected"]
    try:
        model = keras.saving.load_model(os.path.join(sys.argv[1], name))
        y = model(sentences[:, None] if case == "model" else sentences).numpy()
        # keras4j's models take a (batch, 1) column: a rank-1 output comes back as (batch, 1).
        np.testing.assert_allclose(y.reshape(np.shape(want)), np.array(want), atol=1e-5)
        print("ok", name)
    except Exception as e:  # report every case, then fail
        failed += 1
        print("FAILED", name, type(e).__name__, str(e).splitlines()[0][:200])
sys.exit(1 if failed else 0)
