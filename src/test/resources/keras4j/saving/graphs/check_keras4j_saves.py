"""Loads keras4j's saves of the graph fixtures in Python Keras and checks they predict the same.

keras4j writes them when GraphFilesTest runs with a directory to keep them in:
    mvn -q test -Dtest=GraphFilesTest -Dkeras4j.graphSaves=/tmp/graph-saves
    /work/venv/bin/python src/test/resources/keras4j/saving/graphs/check_keras4j_saves.py /tmp/graph-saves

For every model NAME, DIR/NAME.keras and DIR/NAME.h5 are loaded with keras.saving.load_model
and must predict NAME_y*.csv (Keras's own predictions, beside this script) within 1e-5 on
NAME_x*.csv. Exits non-zero on the first failure.
"""
import glob
import os
import sys

import keras
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
saves = sys.argv[1]
names = sorted({os.path.basename(p)[:-len(".keras")]
                for p in glob.glob(os.path.join(HERE, "*.keras"))})


def rows(path):
    return np.atleast_2d(np.loadtxt(path, delimiter=",", dtype=np.float32, ndmin=2))


failed = 0
for name in names:
    xs = [rows(p) for p in sorted(glob.glob(os.path.join(HERE, f"{name}_x*.csv")))]
    ys = [rows(p) for p in sorted(glob.glob(os.path.join(HERE, f"{name}_y*.csv")))]
    for ext in (".keras", ".h5"):
        path = os.path.join(saves, name + ext)
        try:
            model = keras.saving.load_model(path)
            got = model.predict(xs if len(xs) > 1 else xs[0], verbose=0)
            got = got if isinstance(got, list) else [got]
            worst = max(float(np.abs(g.reshape(y.shape) - y).max()) for g, y in zip(got, ys))
            ok = len(got) == len(ys) and worst < 1e-5
            print(f"{name}{ext}: {'ok' if ok else 'MISMATCH'} (max |diff| {worst:.2e})")
        except Exception as e:  # report every file, then fail
            ok = False
            print(f"{name}{ext}: FAILED {type(e).__name__}: {e}")
        failed += not ok
print(f"{len(names) * 2 - failed} of {len(names) * 2} keras4j saves load in Keras "
      f"{keras.__version__} and predict the same")
sys.exit(1 if failed else 0)
