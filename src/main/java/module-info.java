/**
 * keras4j: Keras for Java, on TensorFlow Java.
 *
 * <p>The packages mirror Keras's modules. {@code keras4j.backend} holds the TensorFlow Java
 * plumbing (graphs, sessions, tensor conversion, custom gradients) and is not exported.
 */
module keras4j {
  requires transitive tensorflow;
  requires transitive org.tensorflow.ndarray;
  requires transitive tensorflow.framework;
  requires io.jhdf;
  // jhdf is an automatic module and cannot require its explicit-module dependencies itself.
  requires org.apache.commons.lang3;
  requires org.slf4j;
  // keras4j.visualization: charts (an automatic module) drawn with Java 2D, headless.
  requires org.jfree.jfreechart;
  requires org.jfree.svg;
  // Transitive: keras4j.utils.ImageUtils takes and returns java.awt.image.BufferedImage.
  requires transitive java.desktop;

  exports keras4j;
  exports keras4j.core;
  exports keras4j.ops;
  exports keras4j.layers;
  exports keras4j.models;
  exports keras4j.optimizers;
  exports keras4j.optimizers.schedules;
  exports keras4j.losses;
  exports keras4j.metrics;
  exports keras4j.callbacks;
  exports keras4j.data;
  exports keras4j.datasets;
  exports keras4j.tuner;
  exports keras4j.utils;
  exports keras4j.activations;
  exports keras4j.initializers;
  exports keras4j.regularizers;
  exports keras4j.constraints;
  exports keras4j.dtype_policies;
  exports keras4j.mixed_precision;
  exports keras4j.tf;
  exports keras4j.saving;
  exports keras4j.explain;
  exports keras4j.visualization;
  exports keras4j.applications;
}
