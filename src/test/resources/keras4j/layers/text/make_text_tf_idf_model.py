"""A Keras-written model holding an adapted tf_idf TextVectorization, for TextVectorizationFixturesTest.

Run: TF_CPP_MIN_LOG_LEVEL=3 CUDA_VISIBLE_DEVICES= /work/venv/bin/python make_text_tf_idf_model.py
text_tf_idf_model.keras: TextVectorization(output_mode="tf_idf", max_tokens=12, ngrams=2), adapted
on the CORPUS of make_text_vectorization_fixtures.py (so some terms fall out as OOV), then
Dense(2). Keras saves the adapted vocabulary as an asset (vocabulary.txt) and the idf weights, the
OOV index's first, as the dataset idf_weights of the layer's vars in model.weights.h5; neither is
in the config. text_tf_idf_no_idf.keras: the same archive with the idf_weights datasets removed
(a file keras4j must refuse clearly). text_tf_idf_model.json: the vocabulary, the idf weights, the layer's outputs and the
model's on the SENTENCES of text_vectorization.json.
"""
import io
import json
import zipfile

import h5py

import keras
import tensorflow as tf

fixtures = json.load(open("text_vectorization.json"))
keras.utils.set_random_seed(1)
vectorize = keras.layers.TextVectorization(output_mode="tf_idf", max_tokens=12, ngrams=2)
vectorize.adapt(fixtures["corpus"])
model = keras.Sequential([keras.Input((1,), dtype="string"), vectorize, keras.layers.Dense(2)])
model.save("text_tf_idf_model.keras")
sentences = tf.constant([[s] for s in fixtures["sentences"]])
out = {
    "vocabulary": [str(v) for v in vectorize.get_vocabulary()],
    "idf_weights": vectorize._lookup_layer.idf_weights_const.numpy().astype("float64").tolist(),
    "vectorized": vectorize(sentences).numpy().astype("float64").tolist(),
    "expected": model(sentences).numpy().astype("float64").tolist(),
}
with open("text_tf_idf_model.json", "w") as f:
    json.dump(out, f, indent=1, ensure_ascii=False)

with zipfile.ZipFile("text_tf_idf_model.keras") as src, \
        zipfile.ZipFile("text_tf_idf_no_idf.keras", "w") as dst:
    for item in src.infolist():
        data = src.read(item)
        if item.filename == "model.weights.h5":
            buffer = io.BytesIO(data)
            with h5py.File(buffer, "r+") as h5:
                del h5["layers/text_vectorization/vars/idf_weights"]
                del h5["layers/text_vectorization/_lookup_layer/vars/idf_weights"]
            data = buffer.getvalue()
        dst.writestr(item, data)
