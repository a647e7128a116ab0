package io.camaudit.audit;

/**
 * How one image's explained class fares with its annotated objects taken out, and with only them
 * left: the background-only and object-only images of the ImageNet-9 backgrounds challenge (Xiao et
 * al., ICLR 2021), filled by the run's {@link io.camaudit.image.RegionFill}.
 *
 * @param backgroundOnlyProbability the class's probability with the boxes' content filled
 * @param backgroundOnlyPredicts whether the model still predicts the class (its top class, or above
 *     the threshold for a multi-label head) on the background alone
 * @param objectOnlyProbability the class's probability with everything outside the boxes filled
 * @param objectOnlyPredicts whether the model predicts the class from the boxes alone
 */
public record BackgroundReliance(
    double backgroundOnlyProbability,
    boolean backgroundOnlyPredicts,
    double objectOnlyProbability,
    boolean objectOnlyPredicts) {}
