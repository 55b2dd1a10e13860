"""Writes the fixtures of LegacyTrainingConfigTest with Python Keras 3.15.1 (a development tool,
not a build dependency):
- training_config.json: the training_config attribute Keras's legacy .h5 saver writes for the
  compile of compiled(), which keras4j must write alike;
- resume.h5: compiled() trained 2 epochs by Keras and saved (training_config, optimizer_weights),
  and in resume.json its data and the losses of the next 2 epochs Keras trains in memory, which
  keras4j must reach after loading the file (Keras itself cannot: its legacy loader keeps only the
  optimizer's iteration count and learning rate, and fit then fails, see check_keras4j_saves.py).

Run: TF_CPP_MIN_LOG_LEVEL=3 CUDA_VISIBLE_DEVICES= /work/venv/bin/python \
    make_training_config_fixtures.py
"""
import json
import os

import h5py
import keras
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def compiled():
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(4, activation="tanh"),
                              keras.layers.Dense(1)], name="legacy_mlp")
    model.compile(optimizer=keras.optimizers.Adam(0.01), loss="mean_squared_error",
                  metrics=["mae", keras.metrics.AUC(name="auc")], weighted_metrics=["mse"],
                  loss_weights=[0.5])
    return model


def main():
    keras.utils.set_random_seed(5)
    model = compiled()
    path = os.path.join(HERE, "resume.h5")
    model.save(path)
    with h5py.File(path) as f:
        config = json.loads(f.attrs["training_config"])
    with open(os.path.join(HERE, "training_config.json"), "w") as f:
        json.dump(config, f, indent=1)
    rng = np.random.default_rng(5)
    x = rng.normal(size=(8, 3)).astype("float32")
    y = (rng.random((8, 1)) > 0.5).astype("float32")
    model.fit(x, y, epochs=2, batch_size=4, shuffle=False, verbose=0)
    model.save(path)
    later = model.fit(x, y, epochs=2, batch_size=4, shuffle=False, verbose=0).history["loss"]
    with open(os.path.join(HERE, "resume.json"), "w") as f:
        json.dump({"x": x.tolist(), "y": y.tolist(), "losses": later}, f, indent=1)


if __name__ == "__main__":
    main()
