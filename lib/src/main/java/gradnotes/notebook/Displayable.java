package gradnotes.notebook;

/** A value that knows how to show itself in a notebook; {@link Display#show(Object)} asks it. */
public interface Displayable {
    MimeBundle toBundle();
}
