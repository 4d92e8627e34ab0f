package busmanager.http;

@FunctionalInterface
public interface Handler {
    Reply handle(Request request) throws Exception;
}
