"""Prints what Keras 3 gives for the folders FolderDatasetTest builds.

Run with /work/venv/bin/python (keras 3.15.1, tensorflow); the tests hard-code the output.
"""
import os
import tempfile

import numpy as np
from keras.src.utils import dataset_utils

# The folder of FolderDatasetTest.splitsAsKeras: empty files are enough to index.
with tempfile.TemporaryDirectory() as d:
    for cls, n in (("b", 4), ("a", 5), ("c", 3)):
        os.makedirs(os.path.join(d, cls, "sub"))
        for i in range(n):
            os.close(os.open(os.path.join(d, cls, f"{cls}{i}.png"), os.O_CREAT))
        os.close(os.open(os.path.join(d, cls, "sub", f"{cls}s.png"), os.O_CREAT))
    os.close(os.open(os.path.join(d, "a", "notes.txt"), os.O_CREAT))
    paths, labels, names = dataset_utils.index_directory(
        d, "inferred", formats=(".png",), shuffle=True, seed=1337, verbose=False)
    rel = [os.path.relpath(p, d) for p in paths]
    train, ltrain = dataset_utils.get_training_or_validation_split(rel, labels, 0.25, "training")
    val, lval = dataset_utils.get_training_or_validation_split(rel, labels, 0.25, "validation")
    print("classes", names)
    print("training", train, [int(v) for v in ltrain])
    print("validation", val, [int(v) for v in lval])


# FolderDatasetTest.colourImagesReadAsGreyUseLibpngsWeightsAsTensorFlow and the resize test.
import tensorflow as tf  # noqa: E402

rgb = np.array([[[200, 10, 30], [0, 255, 128], [1, 2, 3]],
                [[17, 99, 250], [255, 255, 255], [64, 0, 64]]], dtype=np.uint8)
print("grey", tf.image.decode_png(tf.io.encode_png(rgb), channels=1).numpy()[..., 0].tolist())
print("resize 2x2->4x4", tf.image.resize(np.array([[0, 10], [20, 40]], "float32")[..., None],
                                         (4, 4)).numpy()[..., 0].tolist())
print("resize 3x4->2x3", tf.image.resize(np.arange(12, dtype="float32").reshape(3, 4, 1),
                                         (2, 3)).numpy()[..., 0].tolist())
