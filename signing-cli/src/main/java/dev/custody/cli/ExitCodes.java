package dev.custody.cli;

import dev.custody.CustodyException;
import dev.custody.InvalidInputException;
import dev.custody.sign.KeyException;
import dev.custody.sign.VerificationException;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * The one place where failures become exit codes (CLI.md "Exit codes"), with a hint telling the
 * user what to do next.
 *
 * <p>The rules, in order:
 *
 * <ol>
 *   <li>{@link CustodyException.Reason#VERIFICATION_FAILED}, and a {@link VerificationException}
 *       with {@code DIGEST_MISMATCH} (a signed payload naming another image), are failed
 *       verifications: <b>1</b>.
 *   <li>An {@link InvalidInputException} or a {@link KeyException} is about the user's own input
 *       (a file, reference, policy or key), whatever its reason, so an unreadable, missing or
 *       oversized input file is <b>2</b> too.
 *   <li>{@code INVALID_INPUT}, {@code KEY}, {@code UNSUPPORTED}: bad input: <b>2</b>.
 *   <li>{@code NOT_FOUND}, {@code UNAUTHORIZED}, {@code DENIED}, {@code RATE_LIMITED},
 *       {@code PROTOCOL}, {@code IO}: the store (registry or layout) is missing the content, refused,
 *       or failed: <b>3</b>. {@code DIGEST_MISMATCH} and {@code LIMIT_EXCEEDED} from a store are
 *       3 as well: the store served corrupt or oversized content, which is not something the user
 *       typed and not a signature that failed to verify; the command could not get trustworthy
 *       bytes at all.
 *   <li>Usage errors (unknown option, malformed IMAGE): <b>2</b> (picocli's usage handler).
 *   <li>Anything else is a bug: <b>4</b>, "internal error (a bug: please report it)".
 * </ol>
 */
final class ExitCodes {
  static final int OK = 0;
  static final int VERIFICATION_FAILED = 1;
  static final int USAGE = 2;
  static final int STORE = 3;
  static final int INTERNAL = 4;

  private ExitCodes() {}

  /** {@return the exit code for {@code e}} */
  static int of(CustodyException e) {
    if (e.reason() == CustodyException.Reason.DIGEST_MISMATCH && e instanceof VerificationException) {
      return VERIFICATION_FAILED;
    }
    if ((e instanceof InvalidInputException || e instanceof KeyException)
        && e.reason() != CustodyException.Reason.VERIFICATION_FAILED) {
      return USAGE;
    }
    return of(e.reason());
  }

  /** {@return the exit code for a failure of kind {@code reason}} */
  static int of(CustodyException.Reason reason) {
    // A switch expression over the enum: adding a Reason fails compilation until it is mapped here.
    return switch (reason) {
      case VERIFICATION_FAILED -> VERIFICATION_FAILED;
      case INVALID_INPUT, KEY, UNSUPPORTED -> USAGE;
      case NOT_FOUND, UNAUTHORIZED, DENIED, RATE_LIMITED, PROTOCOL, IO, DIGEST_MISMATCH, LIMIT_EXCEEDED ->
          STORE;
    };
  }

  /** {@return what the user can do next about {@code e}, or empty} */
  static String hint(CustodyException e) {
    if (e instanceof KeyException) {
      switch (e.reason()) {
        case NOT_FOUND:
          return "check the key path: the file does not exist (create one with custody generate-key-pair)";
        case IO:
          return "check that the key file is readable by you";
        case INVALID_INPUT:
          return "fix the input named above (pass --force to replace existing key files)";
        default:
          return hint(CustodyException.Reason.KEY);
      }
    }
    if (e instanceof InvalidInputException && e.reason() == CustodyException.Reason.LIMIT_EXCEEDED) {
      return "check that the file named above is the one you meant: it is larger than Custody accepts";
    }
    return hint(e.reason());
  }

  /** {@return what the user can do next about {@code reason}, or empty} */
  static String hint(CustodyException.Reason reason) {
    return switch (reason) {
      case NOT_FOUND -> "check the reference: the repository, tag or digest does not exist there";
      case UNAUTHORIZED -> "log in to the registry (docker login HOST; Custody reads the docker config.json)";
      case DENIED -> "the credentials are valid but lack permission for this repository";
      case RATE_LIMITED -> "the registry is throttling requests: wait and retry, or log in for a higher limit";
      case PROTOCOL -> "the registry answered outside the OCI distribution spec: rerun with --verbose";
      case IO -> "check that the path is readable or the registry reachable: rerun with --verbose";
      case DIGEST_MISMATCH ->
          "content does not match its digest: the store is corrupt or tampered with; do not use it";
      case LIMIT_EXCEEDED -> "the content exceeds Custody's safety bounds";
      case INVALID_INPUT -> "fix the input named above";
      case KEY -> "check the key file and its password (CUSTODY_PASSWORD or COSIGN_PASSWORD)";
      case UNSUPPORTED -> "this format, algorithm or feature is not supported";
      case VERIFICATION_FAILED -> "";
    };
  }

  /** Prints a failed command's message and hint to stderr and picks its exit code. */
  static final class Handler implements IExecutionExceptionHandler {
    private final Main main;

    Handler(Main main) {
      this.main = main;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parsed) {
      PrintWriter err = commandLine.getErr();
      if (e instanceof CustodyException) {
        CustodyException failure = (CustodyException) e;
        err.println("custody: " + failure.getMessage());
        String hint = hint(failure);
        if (!hint.isEmpty()) {
          err.println("hint: " + hint);
        }
        printCauseIfVerbose(err, e);
        return of(failure);
      }
      err.println("custody: internal error (a bug: please report it): " + e);
      if (main.verbose()) {
        err.print(stackTrace(e));
      } else {
        err.println("hint: rerun with --verbose for the stack trace to include in the report");
      }
      return INTERNAL;
    }

    private void printCauseIfVerbose(PrintWriter err, Exception e) {
      if (main.verbose()) {
        err.print(stackTrace(e));
      }
    }

    private static String stackTrace(Throwable t) {
      StringWriter text = new StringWriter();
      t.printStackTrace(new PrintWriter(text));
      return text.toString();
    }
  }
}
