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
# The whole models (a column of strings in) and what Keras's own gave: text_model.keras's, and
# text_tf_idf_model.keras's (an adapted tf_idf layer, make_text_tf_idf_model.py).
models = {"model": fixtures["model"],
          "tf_idf_model": json.load(open(os.path.join(here, "text_tf_idf_model.json")))["expected"]}
sentences = tf.constant(fixtures["sentences"])
failed = 0
for name in sorted(os.listdir(sys.argv[1])):
    case = name[: -len(".keras")]
    want = models[case] if case in models else fixtures["cases"][case]["expected"]
    try:
        model = keras.saving.load_model(os.path.join(sys.argv[1], name))
        y = model(sentences[:, None] if case in models else sentences).numpy()
        # keras4j's models take a (batch, 1) column: a rank-1 output comes back as (batch, 1).
        np.testing.assert_allclose(y.reshape(np.shape(want)), np.array(want), atol=1e-5)
        print("ok", name)
    except Exception as e:  # report every case, then fail
        failed += 1
        print("FAILED", name, type(e).__name__, str(e).splitlines()[0][:200])
sys.exit(1 if failed else 0)
