package dev.custody.core.internal.gate;

import dev.custody.gate.GateOptions;

/**
 * The bounds of one gate run over input from outside (ARCHITECTURE.md "Boundaries"): documents and
 * containers across all files, nodes per document, and merge-key steps per document, the last two
 * because aliases and merges let a small file describe an exponentially large one. Not thread-safe:
 * one reading thread owns it.
 */
final class Budget {
  /** Nodes one document may have; far above real manifests, well below what the heap can hold. */
  static final int MAX_NODES_PER_DOCUMENT = 1_000_000;

  /** Merge-key steps one document may take while images are looked up. */
  static final int MAX_MERGE_STEPS_PER_DOCUMENT = 100_000;

  /** Nesting of mappings and sequences; CRD schemas nest deeply, manifests far less. */
  static final int MAX_DEPTH = 200;

  private final int maxDocuments;
  private final int maxContainers;
  private int documents;
  private int containers;
  private int nodes;
  private int mergeSteps;

  Budget(GateOptions options) {
    this.maxDocuments = options.maxDocuments();
    this.maxContainers = options.maxContainers();
  }

  /** Counts one document (or {@code List} item) and starts its per-document bounds afresh. */
  void document() throws LimitExceededException {
    if (++documents > maxDocuments) {
      throw new LimitExceededException(
          "more than " + maxDocuments + " documents (including List items)");
    }
    nodes = 0;
    mergeSteps = 0;
  }

  /** Counts one item of a {@code List} kind: a document, but inside the current tree. */
  void listItem() throws LimitExceededException {
    if (++documents > maxDocuments) {
      throw new LimitExceededException(
          "more than " + maxDocuments + " documents (including List items)");
    }
  }

  void container() throws LimitExceededException {
    if (++containers > maxContainers) {
      throw new LimitExceededException("more than " + maxContainers + " containers");
    }
  }

  void node() throws LimitExceededException {
    if (++nodes > MAX_NODES_PER_DOCUMENT) {
      throw new LimitExceededException(
          "a document with more than " + MAX_NODES_PER_DOCUMENT + " YAML nodes");
    }
  }

  void mergeStep() throws LimitExceededException {
    if (++mergeSteps > MAX_MERGE_STEPS_PER_DOCUMENT) {
      throw new LimitExceededException(
          "more than " + MAX_MERGE_STEPS_PER_DOCUMENT + " merge-key (<<) lookups in one document");
    }
  }
}
