"""Writes the summary() texts of keras4j's SummaryTextTest, as Keras 3.15.1 prints them.

Run (Keras 3.15.1, any backend):
    COLUMNS=80 python3 src/test/resources/keras4j/models/make_summary_fixtures.py

(Keras sizes the table to the terminal: min(88, columns - 4); keras4j assumes 80 columns.)

summary_trained.txt: a Sequential trained one step with Adam (the "Optimizer params" line);
summary_long_names.txt: layers whose "name (Type)" cell is too long for its column (wrapped).
"""
import io
import os

import keras
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def summary_text(model):
    lines = []
    model.summary(print_fn=lambda line, line_break=True: lines.append(line))
    return "".join(lines)  # one call: the whole table, ending in a line break


trained = keras.Sequential([keras.Input((8,)), keras.layers.Dense(16, activation="relu"),
                            keras.layers.Dense(3)], name="trained")
trained.compile(optimizer="adam", loss="mse")
trained.fit(np.zeros((4, 8)), np.zeros((4, 3)), epochs=1, verbose=0)

long_names = keras.Sequential(
    [keras.Input((4,)),
     keras.layers.Dense(5, name="a_rather_long_dense_layer_name_for_the_table"),
     keras.layers.Dense(2, name="short"),
     keras.layers.Dense(1, name="x" * 70)], name="long_names")

for name, model in [("summary_trained.txt", trained), ("summary_long_names.txt", long_names)]:
    text = summary_text(model)
    with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
        f.write(text)
    print(text)
