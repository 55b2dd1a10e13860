"""Keras-written TextVectorization cases, for TextVectorizationFixturesTest.

Run: TF_CPP_MIN_LOG_LEVEL=3 CUDA_VISIBLE_DEVICES= /work/venv/bin/python make_text_vectorization_fixtures.py
text_vectorization.json: for each case, the layer's get_config() before adapt, whether it is adapted on
CORPUS or given a vocabulary, Keras's vocabulary (and idf weights) after that, and Keras's outputs
on SENTENCES. text_model.keras: an adapted TextVectorization -> Embedding ->
GlobalAveragePooling1D -> Dense model (vocabulary saved as Keras does, an asset), with its
outputs on SENTENCES in the json under "model".
"""
import json

import keras
import numpy as np
import tensorflow as tf

CORPUS = [
    "The cat sat on the mat.",
    "The dog ate my homework!",
    "A cat, a dog, and a bird.",
    "Is THE bird the word?",
    "Don't   stop: the cat's mat (the red one) is here.",
    "¿Qué tal? Ünïcode façade — naïve café.",
]
SENTENCES = [
    "the cat ate the bird",
    "A DOG! a dog... and an unknown zebra",
    "  mat   mat  mat ",
    "",
    "Café naïve, don't!",
]
L = keras.layers
CASES = {
    "int_sequence": dict(output_sequence_length=6),
    "int_ragged_pad": dict(),
    "int_max_tokens": dict(max_tokens=8, output_sequence_length=4),
    "multi_hot": dict(output_mode="multi_hot"),
    "count": dict(output_mode="count", max_tokens=10),
    "tf_idf": dict(output_mode="tf_idf"),
    "ngrams_2": dict(ngrams=2, output_sequence_length=10),
    "ngrams_tuple": dict(ngrams=(2, 3), output_mode="count"),
    "character": dict(split="character", output_sequence_length=12),
    "lower_only": dict(standardize="lower", output_sequence_length=6),
    "strip_only": dict(standardize="strip_punctuation", output_mode="multi_hot"),
    "no_standardize": dict(standardize=None, output_sequence_length=6),
    "no_split": dict(split=None, standardize="lower"),
    "vocabulary": dict(vocabulary=["cat", "dog", "the", "a"], output_sequence_length=5),
    "vocabulary_tf_idf": dict(vocabulary=["cat", "dog", "the"], output_mode="tf_idf",
                              idf_weights=[0.5, 1.5, 0.25]),
    "pad_to_max": dict(output_mode="multi_hot", max_tokens=30, pad_to_max_tokens=True),
}
out = {"corpus": CORPUS, "sentences": SENTENCES, "cases": {}}
for name, kwargs in CASES.items():
    layer = L.TextVectorization(**kwargs)
    config = layer.get_config()
    if "vocabulary" not in kwargs:
        layer.adapt(CORPUS)
    y = layer(tf.constant(SENTENCES)).numpy()
    case = {"config": config, "adapted": "vocabulary" not in kwargs,
            "vocabulary": [str(v) for v in layer.get_vocabulary()],
            "expected": y.astype("float64").tolist()}
    if layer._output_mode == "tf_idf":
        case["idf_weights"] = layer._lookup_layer.idf_weights_const.numpy().astype("float64").tolist()
    out["cases"][name] = case

keras.utils.set_random_seed(1)
vectorize = L.TextVectorization(max_tokens=40, output_sequence_length=8)
vectorize.adapt(CORPUS)
model = keras.Sequential([keras.Input((1,), dtype="string"), vectorize,
                          L.Embedding(40, 4), L.GlobalAveragePooling1D(), L.Dense(2)])
model.save("text_model.keras")
out["model"] = model(tf.constant([[s] for s in SENTENCES])).numpy().astype("float64").tolist()
with open("text_vectorization.json", "w") as f:
    json.dump(out, f, indent=1, ensure_ascii=False)
