package dev.custody.examples.admission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads Kubernetes {@code AdmissionReview} v1 requests about pods and writes the responses
 * (https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/).
 *
 * <p>Only what the decision needs is read: {@code request.uid}, {@code request.kind} and the image
 * of every container, init container and ephemeral container of {@code request.object}. Nothing
 * else the pod carries is looked at: annotations or labels claiming the pod was verified have no
 * effect. The parser refuses duplicate keys, trailing content and deep nesting.
 */
final class AdmissionReviews {
  static final String API_VERSION = "admission.k8s.io/v1";
  static final String KIND = "AdmissionReview";
  private static final List<String> CONTAINER_LISTS =
      List.of("containers", "initContainers", "ephemeralContainers");

  private static final JsonMapper MAPPER =
      JsonMapper.builder(
              new com.fasterxml.jackson.core.JsonFactoryBuilder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(64)
                          .maxStringLength(64 * 1024)
                          .build())
                  .build())
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private AdmissionReviews() {}

  /** A review that could not be used, with the uid to answer to if one could be read. */
  static final class MalformedReviewException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Optional<String> uid;

    MalformedReviewException(Optional<String> uid, String message) {
      super(message);
      this.uid = uid;
    }

    Optional<String> uid() {
      return uid;
    }
  }

  /**
   * A pod to review.
   *
   * @param uid the request's uid, echoed in the response
   * @param images every container image, in containers, initContainers, ephemeralContainers order
   */
  record PodReview(String uid, List<ContainerImage> images) {}

  /**
   * One image of a pod and where it is.
   *
   * @param path e.g. {@code spec.initContainers[0]}
   * @param image the image string as written
   */
  record ContainerImage(String path, String image) {}

  static PodReview read(byte[] body) throws MalformedReviewException {
    JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (IOException e) {
      throw new MalformedReviewException(Optional.empty(), "not JSON: " + firstLine(e));
    }
    if (root == null || !root.isObject()) {
      throw new MalformedReviewException(Optional.empty(), "not a JSON object");
    }
    JsonNode request = root.path("request");
    JsonNode uidNode = request.path("uid");
    if (!uidNode.isTextual() || uidNode.asText().isEmpty() || uidNode.asText().length() > 128) {
      throw new MalformedReviewException(Optional.empty(), "request.uid is missing");
    }
    Optional<String> uid = Optional.of(uidNode.asText());
    if (!API_VERSION.equals(root.path("apiVersion").asText(null))
        || !KIND.equals(root.path("kind").asText(null))) {
      throw new MalformedReviewException(uid, "expected an " + KIND + " of " + API_VERSION);
    }
    if (!"Pod".equals(request.path("kind").path("kind").asText(null))) {
      throw new MalformedReviewException(uid, "this webhook reviews pods only (request.kind.kind)");
    }
    JsonNode spec = request.path("object").path("spec");
    if (!spec.isObject()) {
      throw new MalformedReviewException(uid, "request.object.spec is missing");
    }
    List<ContainerImage> images = new ArrayList<>();
    for (String list : CONTAINER_LISTS) {
      JsonNode containers = spec.path(list);
      if (containers.isMissingNode() || containers.isNull()) {
        continue;
      }
      if (!containers.isArray()) {
        throw new MalformedReviewException(uid, "spec." + list + " is not a list");
      }
      for (int i = 0; i < containers.size(); i++) {
        String path = "spec." + list + "[" + i + "]";
        JsonNode image = containers.get(i).path("image");
        if (!image.isTextual() || image.asText().isBlank()) {
          throw new MalformedReviewException(uid, path + " has no image");
        }
        images.add(new ContainerImage(path, image.asText()));
      }
    }
    if (images.isEmpty()) {
      throw new MalformedReviewException(uid, "the pod has no containers");
    }
    return new PodReview(uid.get(), images);
  }

  /**
   * Writes the response review.
   *
   * @param uid the request's uid
   * @param allowed whether the pod may run
   * @param message why not (ignored when allowed)
   * @return the JSON bytes
   */
  static byte[] response(String uid, boolean allowed, String message) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("apiVersion", API_VERSION);
    root.put("kind", KIND);
    ObjectNode response = root.putObject("response");
    response.put("uid", uid);
    response.put("allowed", allowed);
    if (!allowed) {
      ObjectNode status = response.putObject("status");
      status.put("code", 403);
      status.put("reason", "Forbidden");
      status.put("message", message);
    }
    try {
      return MAPPER.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("write AdmissionReview response", e);
    }
  }

  /** A parser message may quote the input; keep its first line, shortened. */
  private static String firstLine(IOException e) {
    String message = String.valueOf(e.getMessage());
    int nl = message.indexOf('\n');
    message = nl < 0 ? message : message.substring(0, nl);
    return message.length() > 200 ? message.substring(0, 200) + "…" : message;
  }
}
