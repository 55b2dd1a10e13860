package keras4j.spark;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What one partition sends back to the driver in a round: its row count (its weight in the
 * averages), its trained weights (empty when it only evaluated) and its logs.
 */
record PartitionResult(long rows, List<float[]> weights, Map<String, Double> logs)
    implements Serializable {}
