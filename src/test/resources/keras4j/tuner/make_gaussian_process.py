"""Writes gaussian_process.json: what scikit-learn's GaussianProcessRegressor, as KerasTuner's
BayesianOptimizationOracle makes it (Matern(nu=2.5), normalize_y=True, alpha=1e-4,
n_restarts_optimizer=20), fits and predicts on small problems. Development tool only:
    /work/venv/bin/python make_gaussian_process.py
"""
import json

import numpy as np
import sklearn
import sklearn.gaussian_process as gp

cases = []
rng = np.random.RandomState(3)
for name, x, y in [
    ("one_dimension", np.array([[0.1], [0.4], [0.45], [0.8], [0.95]]),
     np.array([0.3, -0.2, -0.25, 0.6, 1.1])),
    ("two_dimensions", rng.uniform(size=(8, 2)), None),
    ("three_dimensions", rng.uniform(size=(12, 3)), None),
]:
    if y is None:
        y = np.sin(3 * x[:, 0]) + (x[:, 1:] ** 2).sum(axis=1) + 0.05 * rng.normal(size=len(x))
    regressor = gp.GaussianProcessRegressor(
        kernel=gp.kernels.Matern(nu=2.5), n_restarts_optimizer=20, normalize_y=True,
        alpha=1e-4, random_state=0)
    regressor.fit(x, y)
    queries = rng.uniform(size=(5, x.shape[1]))
    mean, std = regressor.predict(queries, return_std=True)
    cases.append({
        "name": name, "x": x.tolist(), "y": y.tolist(), "queries": queries.tolist(),
        "length_scale": float(regressor.kernel_.length_scale),
        "log_marginal_likelihood": float(regressor.log_marginal_likelihood_value_),
        "mean": mean.tolist(), "std": std.tolist(),
    })

with open("gaussian_process.json", "w") as f:
    json.dump({"sklearn": sklearn.__version__, "cases": cases}, f, indent=1)
