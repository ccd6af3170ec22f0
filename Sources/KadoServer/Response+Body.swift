import Hummingbird
import KadoEngine

extension Response {
    /// A JSON answer (`application/json`, or a JSON subtype such as problem+json).
    static func json(
        _ value: JSONValue, status: HTTPResponse.Status = .ok, contentType: String = "application/json"
    )
        -> Response
    {
        text(value.rendered(indent: 0), status: status, contentType: contentType)
    }

    /// A text answer of `contentType` in UTF-8.
    static func text(_ text: String, status: HTTPResponse.Status = .ok, contentType: String) -> Response {
        Response(
            status: status,
            headers: [
                .contentType: contentType.contains("charset") || contentType.hasSuffix("json")
                    ? contentType : contentType + "; charset=utf-8",
                .cacheControl: "no-store",
            ],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
