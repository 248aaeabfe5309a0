package org.datolite.cli.importer;

/** Why an import stopped, in one line for the command's error stream. */
public final class ImportException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Whether the command's arguments are at fault (an unknown table or schema): exit code 2. */
  private final boolean badArgument;

  public ImportException(String message) {
    this(message, false);
  }

  public ImportException(String message, boolean badArgument) {
    super(oneLine(message));
    this.badArgument = badArgument;
  }

  public ImportException(String message, Throwable cause) {
    super(oneLine(message), cause);
    this.badArgument = false;
  }

  public boolean badArgument() {
    return badArgument;
  }

  /** The text with its line breaks (and the blanks around them) as single spaces. */
  static String oneLine(String text) {
    return text == null ? "" : text.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
  }
}
