package dev.custody.core.internal.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.custody.CustodyException.Reason;
import dev.custody.InvalidInputException;
import dev.custody.gate.GateOptions;
import dev.custody.gate.SkippedDocument;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Which images each kind holds, and at which paths. */
class WorkloadImagesTest {
  static final Path FILE = Path.of("d.yaml");

  static DeploymentReader read(String yaml) throws InvalidInputException {
    return read(yaml, GateOptions.defaults());
  }

  static DeploymentReader read(String yaml, GateOptions options) throws InvalidInputException {
    DeploymentReader reader = new DeploymentReader(options);
    reader.read(new DeploymentSource(FILE, yaml));
    return reader;
  }

  /** "document path [container] = written" for each occurrence. */
  static List<String> found(String yaml) throws InvalidInputException {
    return read(yaml).images().stream()
        .map(
            o ->
                o.location().document()
                    + " "
                    + o.location().path()
                    + o.location().container().map(c -> " [" + c + "]").orElse("")
                    + " = "
                    + o.location().written())
        .collect(Collectors.toList());
  }

  static InvalidInputException refused(String yaml) {
    return assertThrows(InvalidInputException.class, () -> read(yaml));
  }

  private static String podSpec(String indent) {
    return indent
        + "containers: [{name: main, image: app:1}]\n"
        + indent
        + "initContainers: [{name: init, image: init:1}]\n"
        + indent
        + "ephemeralContainers: [{name: debug, image: debug:1}]\n";
  }

  @Test
  void pod_allThreeContainerLists() throws Exception {
    assertEquals(
        List.of(
                "0 spec.containers[0] [main] = app:1",
                "0 spec.initContainers[0] [init] = init:1",
                "0 spec.ephemeralContainers[0] [debug] = debug:1")
            .stream()
            .map(s -> s.replaceFirst("\\] \\[", "].image ["))
            .collect(Collectors.toList()),
        found("apiVersion: v1\nkind: Pod\nspec:\n" + podSpec("  ")));
  }

  @Test
  void workloads_podTemplateAtSpecTemplateSpec() throws Exception {
    for (String kind :
        List.of(
            "Deployment",
            "ReplicaSet",
            "StatefulSet",
            "DaemonSet",
            "Job",
            "ReplicationController")) {
      assertEquals(
          List.of(
              "0 spec.template.spec.containers[0].image [main] = app:1",
              "0 spec.template.spec.initContainers[0].image [init] = init:1",
              "0 spec.template.spec.ephemeralContainers[0].image [debug] = debug:1"),
          found(
              "kind: "
                  + kind
                  + "\n"
                  + "spec:\n"
                  + "  replicas: 2\n"
                  + "  template:\n"
                  + "    metadata: {labels: {a: b}}\n"
                  + "    spec:\n"
                  + podSpec("      ")),
          kind);
    }
  }

  @Test
  void cronJob_podTemplateUnderJobTemplate() throws Exception {
    assertEquals(
        List.of(
            "0 spec.jobTemplate.spec.template.spec.containers[0].image [main] = app:1",
            "0 spec.jobTemplate.spec.template.spec.initContainers[0].image [init] = init:1",
            "0 spec.jobTemplate.spec.template.spec.ephemeralContainers[0].image [debug] = debug:1"),
        found(
            "kind: CronJob\n"
                + "spec:\n"
                + "  schedule: '@daily'\n"
                + "  jobTemplate:\n"
                + "    spec:\n"
                + "      template:\n"
                + "        spec:\n"
                + podSpec("          ")));
  }

  @Test
  void wrongPathForKind_findsNothingThere() throws Exception {
    // a Deployment's pod spec is not at spec: containers there are not what Kubernetes runs
    assertEquals(
        List.of(), found("kind: Deployment\nspec:\n  containers: [{name: x, image: x:1}]\n"));
  }

  @Test
  void listKinds_itemsWithIndexedPaths() throws Exception {
    String yaml =
        "apiVersion: v1\n"
            + "kind: List\n"
            + "items:\n"
            + "- kind: Pod\n"
            + "  spec: {containers: [{name: a, image: a:1}]}\n"
            + "- kind: Service\n"
            + "  spec: {}\n"
            + "- kind: DeploymentList\n"
            + "  items:\n"
            + "  - kind: Deployment\n"
            + "    spec: {template: {spec: {containers: [{name: b, image: b:1}]}}}\n";
    DeploymentReader reader = read(yaml);
    assertEquals(
        List.of(
            "0 items[0].spec.containers[0].image [a] = a:1",
            "0 items[2].items[0].spec.template.spec.containers[0].image [b] = b:1"),
        found(yaml));
    assertEquals(List.of(new SkippedDocument(FILE, 0, 6, "Service")), reader.skipped());
  }

  @Test
  void aci_withTypeOrUntypedWithContainers() throws Exception {
    String body =
        "properties:\n  containers:\n  - name: web\n    properties: {image: web:1}\n"
            + "  initContainers:\n  - name: init\n    properties: {image: init:1}\n";
    List<String> expected =
        List.of(
            "0 properties.containers[0].properties.image [web] = web:1",
            "0 properties.initContainers[0].properties.image [init] = init:1");
    assertEquals(expected, found("type: Microsoft.ContainerInstance/containerGroups\n" + body));
    assertEquals(expected, found("apiVersion: '2021-10-01'\nname: g\n" + body));
    // an ARM resource of another type is not a container group
    assertEquals(List.of(), found("type: Microsoft.Web/sites\n" + body));
  }

  @Test
  void unknownKinds_skippedNotFailed() throws Exception {
    DeploymentReader reader =
        read(
            "kind: ConfigMap\n"
                + "data: {image: not-an-image}\n"
                + "---\n"
                + "apiVersion: argoproj.io/v1alpha1\n"
                + "kind: Rollout\n"
                + "spec: {template: {spec: {containers: [{image: x}]}}}\n"
                + "---\n"
                + "just a string\n"
                + "---\n");
    assertEquals(List.of(), reader.images());
    assertEquals(
        List.of(
            new SkippedDocument(FILE, 0, 1, "ConfigMap"),
            new SkippedDocument(FILE, 1, 4, "Rollout"),
            new SkippedDocument(FILE, 2, 8, "")),
        reader.skipped());
  }

  @Test
  void aliasesAndMergeKeys_resolvedAsKubernetesLoadsThem() throws Exception {
    String yaml =
        "kind: Deployment\n"
            + "x-base: &base {name: base, image: &img 'registry.example.com/app:1'}\n"
            + "spec:\n  template:\n    spec:\n"
            + "      containers:\n"
            + "      - <<: *base\n        name: web\n"
            + "      - {name: worker, image: *img}\n"
            + "      initContainers: &inits\n      - {name: init, image: init:1}\n"
            + "---\nkind: Pod\nspec:\n  containers: [{name: x, image: y:1}]\n";
    assertEquals(
        List.of(
            "0 spec.template.spec.containers[0].image [web] = registry.example.com/app:1",
            "0 spec.template.spec.containers[1].image [worker] = registry.example.com/app:1",
            "0 spec.template.spec.initContainers[0].image [init] = init:1",
            "1 spec.containers[0].image [x] = y:1"),
        found(yaml));
    // both occurrences are the one anchored scalar, so pinning rewrites it once
    List<ImageOccurrence> images = read(yaml).images();
    assertEquals(images.get(0).scalar(), images.get(1).scalar());
  }

  @Test
  void anchorsAreScopedToTheirDocument() {
    InvalidInputException e =
        refused(
            "kind: Pod\n"
                + "x: &img app:1\n"
                + "spec: {containers: [{image: app:1}]}\n"
                + "---\n"
                + "kind: Pod\n"
                + "spec: {containers: [{image: *img}]}\n");
    assertEquals(
        "read deployment d.yaml: line 6: alias *img names no anchor defined before it in this"
            + " document",
        e.getMessage());
  }

  @Test
  void duplicateKey_refusedBecauseKubernetesKeepsTheLastOne() {
    InvalidInputException e =
        refused(
            "kind: Pod\n"
                + "spec:\n"
                + "  containers:\n"
                + "  - name: a\n"
                + "    image: signed:1\n"
                + "    image: evil:1\n");
    assertEquals(
        "read deployment d.yaml: line 6: malformed YAML: Duplicate field 'image'", e.getMessage());
  }

  @Test
  void containerWithoutImage_refused() {
    InvalidInputException e =
        refused("kind: Pod\nspec:\n  containers:\n  - name: a\n    command: [sh]\n");
    assertEquals(
        "read deployment d.yaml: document 0, line 4, spec.containers[0].image: the container has no"
            + " image; the gate cannot vouch for an image it cannot see",
        e.getMessage());
  }

  @Test
  void imageNotAString_refused() {
    assertEquals(
        "read deployment d.yaml: document 0, line 3, spec.containers[0].image: expected the image"
            + " as a string, got a number",
        refused("kind: Pod\nspec:\n  containers: [{name: a,\n    image: 12}]\n")
            .getMessage()
            .replace("line 4", "line 3"));
    assertEquals(
        "read deployment d.yaml: document 0, line 2, spec.containers: expected a sequence, got a"
            + " mapping",
        refused("kind: Pod\nspec: {containers: {image: a}}\n").getMessage());
  }

  @Test
  void invalidReference_refusedNamingThePlace() {
    InvalidInputException e =
        refused("kind: Pod\nspec:\n  containers:\n  - image: 'Not A Reference'\n");
    assertEquals(Reason.INVALID_INPUT, e.reason());
    assertEquals(
        "read deployment d.yaml: document 0, line 4, spec.containers[0].image: invalid image"
            + " reference \"Not A Reference\": repository path component \"Not A Reference\" must"
            + " be lower-case letters and digits separated by '.', '_', '__' or '-'",
        e.getMessage());
  }

  @Test
  void jsonDocument_readLikeYaml() throws Exception {
    assertEquals(
        List.of("0 spec.containers[0].image [a] = app:1"),
        found(
            "{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"spec\": {\"containers\": [{\"name\":"
                + " \"a\", \"image\": \"app:1\"}]}}"));
  }
}
