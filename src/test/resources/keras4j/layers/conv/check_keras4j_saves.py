"""Development check: Python Keras loads the .keras and legacy .h5 files keras4j saved of each fixture model and
predicts the fixture's outputs.

    mvn -q test -Dtest=ConvolutionFixturesTest -Dkeras4j.conv.exportDir=/tmp/keras4j-conv
    /work/venv/bin/python src/test/resources/keras4j/layers/conv/check_keras4j_saves.py /tmp/keras4j-conv
"""
import glob
import json
import os
import sys

import keras
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def array(d, key):
    return np.array(d[key], dtype=np.float32).reshape(d[key + "_shape"])


def main(saves):
    files = sorted(glob.glob(os.path.join(saves, "*.keras"))
                   + glob.glob(os.path.join(saves, "*.h5")))
    if not files:
        sys.exit("no .keras or .h5 files in " + saves)
    worst_all = 0.0
    for path in files:
        name, ext = os.path.splitext(os.path.basename(path))
        with open(os.path.join(HERE, name + ".json")) as f:
            fixture = json.load(f)
        model = keras.saving.load_model(path)
        worst = 0.0
        for pair in [fixture] + fixture["more"]:
            got = model.predict(array(pair, "x"), verbose=0)
            worst = max(worst, float(np.abs(got - array(pair, "y")).max()))
        worst_all = max(worst_all, worst)
        print(f"{name + ext:42s} max |keras - expected| = {worst:.2e}")
        assert worst < 1e-5, name
    print(f"{len(files)} keras4j saves load in Keras {keras.__version__}; worst {worst_all:.2e}")


if __name__ == "__main__":
    main(sys.argv[1])
