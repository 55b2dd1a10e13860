"""Loads keras4j's saves of the graph fixtures in Python Keras and checks they predict the same.

keras4j writes them when GraphFilesTest runs with a directory to keep them in:
    mvn -q test -Dtest=GraphFilesTest -Dkeras4j.graphSaves=/tmp/graph-saves
    /work/venv/bin/python src/test/resources/keras4j/saving/graphs/check_keras4j_saves.py /tmp/graph-saves

For every model NAME, DIR/NAME.keras and DIR/NAME.h5 (when keras4j wrote one) are loaded with
keras.saving.load_model and must predict NAME_y*.csv (Keras's own predictions, beside this
script) within 1e-5 on NAME_x*.csv. A model of dict inputs (outputs) has NAME_x_<key>.csv
(NAME_y_<key>.csv) files and gets (returns) dicts. Exits non-zero if any fails.

    mvn -q test -Dtest='GraphFilesTest,DictModelFilesTest' -Dkeras4j.graphSaves=/tmp/graph-saves
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


def arrays(name, kind):
    """NAME_<kind><i>.csv as a list, or NAME_<kind>_<key>.csv as a dict by key."""
    paths = sorted(glob.glob(os.path.join(HERE, f"{name}_{kind}*.csv")))
    keyed = {p[len(os.path.join(HERE, f"{name}_{kind}_")):-4]: rows(p)
             for p in paths if os.path.basename(p).startswith(f"{name}_{kind}_")}
    return keyed if keyed else [rows(p) for p in paths]


failed = 0
checked = 0
for name in names:
    xs, ys = arrays(name, "x"), arrays(name, "y")
    for ext in (".keras", ".h5"):
        path = os.path.join(saves, name + ext)
        if ext == ".h5" and isinstance(xs, dict):
            continue  # the dict model's test saves it as .keras only
        checked += 1
        try:
            model = keras.saving.load_model(path)
            got = model.predict(xs if len(xs) > 1 else xs[0], verbose=0)
            if isinstance(ys, dict):
                assert isinstance(got, dict) and sorted(got) == sorted(ys), sorted(got)
                got, want = [got[k] for k in sorted(ys)], [ys[k] for k in sorted(ys)]
            else:
                got, want = (got if isinstance(got, list) else [got]), ys
            worst = max(float(np.abs(g.reshape(y.shape) - y).max()) for g, y in zip(got, want))
            ok = len(got) == len(want) and worst < 1e-5
            print(f"{name}{ext}: {'ok' if ok else 'MISMATCH'} (max |diff| {worst:.2e})")
        except Exception as e:  # report every file, then fail
            ok = False
            print(f"{name}{ext}: FAILED {type(e).__name__}: {e}")
        failed += not ok
print(f"{checked - failed} of {checked} keras4j saves load in Keras "
      f"{keras.__version__} and predict the same")
sys.exit(1 if failed else 0)
