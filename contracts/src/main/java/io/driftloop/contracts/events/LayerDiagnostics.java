package io.driftloop.contracts.events;

/**
 * How one layer of a network fared in an epoch: what a person looks at when a training goes wrong.
 *
 * @param layer        the layer, from 0 (input side); the last is the output layer
 * @param weightNorm   L2 norm of its weights after the epoch
 * @param updateNorm   L2 norm of how much its weights changed over the epoch
 * @param gradientNorm L2 norm of its weights' gradient on the epoch's last minibatch
 * @param deadShare    for a ReLU layer, the share of its units that output 0 on every validation row
 *                     (dead units); null for the output layer or without validation rows
 */
public record LayerDiagnostics(int layer, double weightNorm, double updateNorm, double gradientNorm, Double deadShare) {
}
