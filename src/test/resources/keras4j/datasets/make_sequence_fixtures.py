"""Writes the IMDB / Reuters / housing fixtures of keras4j's datasets tests, and what Keras's own
loaders return on them.

Run from this directory with /work/venv/bin/python (numpy 2, keras 3):
  TF_CPP_MIN_LOG_LEVEL=3 CUDA_VISIBLE_DEVICES= python make_sequence_fixtures.py

- tiny-imdb.npz: Keras's imdb.npz layout (x_train, y_train, x_test, y_test; x as object arrays of
  int lists, y int64), written by np.savez (NumPy 2's pickle: protocol 4, numpy._core).
- tiny-reuters.npz: reuters.npz's layout (x, y), its object array pickled as older files are:
  protocol 2 with numpy.core.multiarray and Python 2 strings, assembled by hand.
- evil-imdb.npz: x_train.npy's pickle calls os.system; Keras's loader refuses it too.
- sequence-cases.txt: for each case, the arguments and Keras's load_data output on the fixture.
- tiny-boston.npz (x (9, 3), y (9,), float64, as np.savez) and tiny-california.npz (x (610, 2),
  y (610,), float32, as np.savez_compressed: more than the 600 rows of version="small").
- housing-cases.txt: Keras's boston_housing / california_housing load_data output on them.
"""
import io
import os
import struct
import zipfile

import numpy as np

from keras.src.datasets import boston_housing, california_housing, imdb, npz_utils, reuters

HERE = os.path.dirname(os.path.abspath(__file__))


def ragged(rng, n, max_word):
    x = np.empty(n, dtype=object)
    for i in range(n):
        x[i] = [int(w) for w in rng.integers(1, max_word + 1, size=rng.integers(1, 9))]
    return x


def npy_bytes(header_dict, body):
    header = repr(header_dict).encode("latin1")
    pad = 64 - (10 + len(header) + 1) % 64
    header = header + b" " * pad + b"\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header + body


def py2_object_array_pickle(x):
    """The pickle Python 2's NumPy wrote for an object array of int lists (protocol 2)."""
    out = io.BytesIO()
    w = out.write
    w(b"\x80\x02")
    w(b"cnumpy.core.multiarray\n_reconstruct\nq\x01")
    w(b"cnumpy\nndarray\nq\x02")
    w(b"K\x00\x85q\x03U\x01b\x87q\x04Rq\x05")
    w(b"(K\x01" + b"K" + bytes([len(x)]) + b"\x85q\x06")
    w(b"cnumpy\ndtype\nq\x07U\x02O8K\x00K\x01\x87Rq\x08")
    w(b"(K\x03U\x01|NNNJ\xff\xff\xff\xffJ\xff\xff\xff\xffK?tb")
    w(b"\x89]q\x09(")
    for seq in x:
        w(b"]" + b"(")
        for v in seq:
            w(b"K" + bytes([v]) if v < 256 else b"M" + struct.pack("<H", v))
        w(b"e")
    w(b"etb.")
    return out.getvalue()


class Evil:
    def __reduce__(self):
        return (os.system, ("touch /tmp/keras4j-evil-pickle-ran",))


def write_fixtures():
    rng = np.random.default_rng(11)
    x_train, x_test = ragged(rng, 11, 30), ragged(rng, 9, 30)
    # Word 300 needs BININT2; 70000 needs BININT.
    x_train[0] = x_train[0] + [300]
    x_test[1] = x_test[1] + [70000]
    y_train = rng.integers(0, 2, size=11).astype(np.int64)
    y_test = rng.integers(0, 2, size=9).astype(np.int64)
    np.savez(os.path.join(HERE, "tiny-imdb.npz"), x_train=x_train, y_train=y_train,
             x_test=x_test, y_test=y_test)

    x = ragged(rng, 23, 40)
    x[3] = x[3] + [1000]
    y = rng.integers(0, 46, size=23).astype(np.int64)
    with zipfile.ZipFile(os.path.join(HERE, "tiny-reuters.npz"), "w") as z:
        z.writestr("x.npy", npy_bytes({"descr": "|O", "fortran_order": False, "shape": (23,)},
                                      py2_object_array_pickle(x)))
        buf = io.BytesIO()
        np.save(buf, y)
        z.writestr("y.npy", buf.getvalue())
    # Python's own unpickler must read the hand-made pickle as the same array.
    back = npz_utils.load_npz(os.path.join(HERE, "tiny-reuters.npz"))
    assert [list(s) for s in back["x"]] == [list(s) for s in x], "hand-made pickle is wrong"

    import pickle
    with zipfile.ZipFile(os.path.join(HERE, "evil-imdb.npz"), "w") as z:
        z.writestr("x_train.npy", npy_bytes(
            {"descr": "|O", "fortran_order": False, "shape": (1,)}, pickle.dumps(Evil(), 2)))
    try:
        npz_utils.load_npz(os.path.join(HERE, "evil-imdb.npz"))
        raise AssertionError("Keras loaded the evil pickle")
    except pickle.UnpicklingError:
        pass


CASES = [
    ("imdb", {}),
    ("imdb", {"num_words": 20, "skip_top": 4, "maxlen": 7, "seed": 7}),
    ("imdb", {"start_char": None, "oov_char": None, "index_from": 0, "seed": 0}),
    ("imdb", {"start_char": None, "index_from": 5, "maxlen": 6, "seed": 4294967295}),
    ("reuters", {}),
    ("reuters", {"test_split": 0.3, "num_words": 15, "start_char": 5, "oov_char": 9,
                 "index_from": 2, "seed": 1}),
    ("reuters", {"maxlen": 5, "skip_top": 10, "oov_char": None, "test_split": 0.0}),
]


def write_cases():
    # get_file would check Keras's hash of the real file and try to download: bypass it.
    imdb.get_file = reuters.get_file = lambda fname, **kwargs: fname
    lines = []
    for name, kwargs in CASES:
        module, path = (imdb, "tiny-imdb.npz") if name == "imdb" else (reuters, "tiny-reuters.npz")
        (x_train, y_train), (x_test, y_test) = module.load_data(
            path=os.path.join(HERE, path), **kwargs)
        args = " ".join(f"{k}={v}" for k, v in kwargs.items())
        lines.append(f"case {name} {args}".rstrip())
        for part, xs, ys in (("train", x_train, y_train), ("test", x_test, y_test)):
            for seq, label in zip(xs, ys):
                lines.append(f"{part} {int(label)} :" + "".join(f" {int(w)}" for w in seq))
    with open(os.path.join(HERE, "sequence-cases.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")


HOUSING_CASES = [
    ("boston", {}),
    ("boston", {"test_split": 0.35, "seed": 5}),
    ("boston", {"test_split": 0.0, "seed": 0}),
    ("california", {}),
    ("california", {"version": "small", "test_split": 0.5, "seed": 42}),
]


def write_housing():
    rng = np.random.default_rng(5)
    np.savez(os.path.join(HERE, "tiny-boston.npz"), x=rng.normal(size=(9, 3)) * 10,
             y=rng.uniform(10, 50, size=9))
    np.savez_compressed(os.path.join(HERE, "tiny-california.npz"),
                        x=rng.normal(size=(610, 2)).astype(np.float32),
                        y=rng.uniform(25000, 500000, size=610).astype(np.float32))
    boston_housing.get_file = california_housing.get_file = lambda fname, **kwargs: fname
    lines = []
    for name, kwargs in HOUSING_CASES:
        module = boston_housing if name == "boston" else california_housing
        (x_train, y_train), (x_test, y_test) = module.load_data(
            path=os.path.join(HERE, f"tiny-{name}.npz"), **kwargs)
        lines.append(f"case {name} " + " ".join(f"{k}={v}" for k, v in kwargs.items()))
        for part, xs, ys in (("train", x_train, y_train), ("test", x_test, y_test)):
            for row, target in zip(xs, ys):
                lines.append(f"{part} {float(target)!r} :" + "".join(f" {float(v)!r}" for v in row))
    with open(os.path.join(HERE, "housing-cases.txt"), "w") as f:
        f.write("\n".join(line.rstrip() for line in lines) + "\n")


if __name__ == "__main__":
    write_fixtures()
    write_cases()
    write_housing()
