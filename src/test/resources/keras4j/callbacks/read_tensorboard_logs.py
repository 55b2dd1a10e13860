"""Development check: TensorFlow and TensorBoard read keras4j's TensorBoard event files.

Not run by the build (no test needs Python). Usage, on a log directory a keras4j fit wrote with
`new TensorBoard(dir).updateFreq(1).histogramFreq(1)`:

    python read_tensorboard_logs.py DIR

It prints every record as tf.compat.v1.train.summary_iterator parses it (TensorFlow checks the
CRCs), then what TensorBoard's own loader (EventAccumulator, the code behind `tensorboard
--logdir DIR`) finds: scalar and histogram tags with their steps and values.
"""
import glob
import os
import sys

import tensorflow as tf
from tensorboard.backend.event_processing import event_accumulator

log_dir = sys.argv[1]
for run in ("train", "validation"):
    for path in sorted(glob.glob(os.path.join(log_dir, run, "events.out.tfevents.*"))):
        print(f"== {path}")
        for event in tf.compat.v1.train.summary_iterator(path):
            if event.file_version:
                print("  file_version", event.file_version)
            for value in event.summary.value:
                array = tf.make_ndarray(value.tensor)
                print(f"  step {event.step} {value.tag} "
                      f"[{value.metadata.plugin_data.plugin_name}] shape {array.shape}"
                      + (f" = {float(array):.6f}" if array.ndim == 0 else ""))
        acc = event_accumulator.EventAccumulator(
            path, size_guidance={event_accumulator.TENSORS: 0})
        acc.Reload()
        for tag in acc.Tags()["tensors"]:
            events = acc.Tensors(tag)
            last = tf.make_ndarray(events[-1].tensor_proto)
            print(f"  TensorBoard: {tag}: steps {[e.step for e in events]}, last {last.tolist() if last.ndim == 0 else last.shape}")
