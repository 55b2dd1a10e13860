/** A user's modular application: keras4j is all it requires. */
module consumer.modular {
  requires keras4j;
}
