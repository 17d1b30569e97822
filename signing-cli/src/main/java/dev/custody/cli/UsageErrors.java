package dev.custody.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Prints a usage error (exit 2) as every other failure is printed: {@code custody: <what is
 * wrong>}, picocli's suggestions for a mistyped command or option, and a {@code hint:} naming the
 * help that lists the options and examples, instead of the whole usage text. Without any command
 * the top-level usage is shown, since it lists the commands to choose from.
 *
 * @see ExitCodes

 */
final class UsageErrors implements IParameterExceptionHandler {
  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    PrintWriter err = command.getErr();
    err.println("custody: " + e.getMessage());
    UnmatchedArgumentException.printSuggestions(e, err);
    boolean noCommand =
        command.getParent() == null
            && !(e instanceof UnmatchedArgumentException)
            && (command.getParseResult() == null || !command.getParseResult().hasSubcommand());
    if (noCommand) {
      command.usage(err);
    } else {
      err.println(
          "hint: run '" + command.getCommandSpec().qualifiedName() + " --help' for the options and"
              + " examples");
    }
    err.flush();
    return command.getCommandSpec().exitCodeOnInvalidInput();
  }
}
