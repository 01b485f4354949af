import CTrailCurl
import Synchronization

/// HTTP/1.1 over libcurl: blocking requests from any thread, connections kept alive per handle.
///
/// A pool of easy handles is shared by the threads that send: a request borrows a handle (and its open
/// connection), so N threads sending keep up to N connections alive and reuse them.
public final class CurlTransport: HTTPTransport {
    private let idle = Mutex<[Handle]>([])
    /// Seconds to wait for a connection.
    public let connectTimeoutSeconds: Int

    public init(connectTimeoutSeconds: Int = 10) {
        _ = CurlTransport.globalInit
        self.connectTimeoutSeconds = connectTimeoutSeconds
    }

    deinit {
        for handle in idle.withLock({ $0 }) { curl_easy_cleanup(handle.pointer) }
    }

    /// curl_global_init is not thread-safe: run once, before any handle exists.
    private static let globalInit: Bool = {
        curl_global_init(Int(CURL_GLOBAL_DEFAULT))
        return true
    }()

    /// An easy handle: owned by one request at a time.
    struct Handle: @unchecked Sendable {
        let pointer: UnsafeMutableRawPointer
    }

    public func send(_ request: HTTPRequest) throws(HTTPError) -> HTTPResponse {
        let handle = idle.withLock { $0.popLast() } ?? Handle(pointer: curl_easy_init())
        var reusable = true
        defer {
            if reusable { idle.withLock { $0.append(handle) } } else { curl_easy_cleanup(handle.pointer) }
        }
        do {
            return try perform(request, handle.pointer)
        } catch {
            // A handle whose transfer broke may hold a half-read connection: start the next request afresh.
            reusable = false
            throw error
        }
    }

    /// What the callbacks collect during one transfer.
    final class Collected {
        var headerBlock: [UInt8] = []
        var body: [UInt8] = []
        let curl: UnsafeMutableRawPointer
        init(curl: UnsafeMutableRawPointer) { self.curl = curl }
    }

    private func perform(_ request: HTTPRequest, _ curl: UnsafeMutableRawPointer) throws(HTTPError) -> HTTPResponse {
        curl_easy_reset(curl)
        let collected = Collected(curl: curl)
        let context = Unmanaged.passUnretained(collected).toOpaque()
        var headerList: UnsafeMutablePointer<curl_slist>?
        // libcurl adds `Expect: 100-continue` to larger bodies and `Accept: */*`; S3 wants neither to be signed,
        // so they are switched off (an empty value removes a header).
        for header in request.headers + [HTTPHeader("Expect", ""), HTTPHeader("Accept", "")] {
            let line = header.value.isEmpty ? "\(header.name):" : "\(header.name): \(header.value)"
            headerList = curl_slist_append(headerList, line)
        }
        defer { curl_slist_free_all(headerList) }

        let code: CURLcode = request.url.withCString { url in
            request.body.withUnsafeBytes { body in
                _ = trail_curl_setopt_pointer(curl, CURLOPT_URL, url)
                _ = trail_curl_setopt_long(curl, CURLOPT_NOSIGNAL, 1)
                _ = trail_curl_setopt_long(curl, CURLOPT_CONNECTTIMEOUT, connectTimeoutSeconds)
                _ = trail_curl_setopt_long(curl, CURLOPT_TIMEOUT, request.timeoutSeconds)
                _ = trail_curl_setopt_long(curl, CURLOPT_TCP_KEEPALIVE, 1)
                // S3 keys may hold `./` or `../`: sent as signed, not resolved away.
                _ = trail_curl_setopt_long(curl, CURLOPT_PATH_AS_IS, 1)
                _ = trail_curl_setopt_pointer(curl, CURLOPT_HTTPHEADER, headerList)
                switch request.method {
                case "GET":
                    break
                case "HEAD":
                    _ = trail_curl_setopt_long(curl, CURLOPT_NOBODY, 1)
                default:
                    _ = request.method.withCString { trail_curl_setopt_pointer(curl, CURLOPT_CUSTOMREQUEST, $0) }
                }
                if !request.body.isEmpty || request.method == "POST" || request.method == "PUT" {
                    _ = trail_curl_setopt_offset(curl, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count))
                    _ = trail_curl_setopt_pointer(curl, CURLOPT_POSTFIELDS, body.baseAddress ?? UnsafeRawPointer(url))
                    if request.method != "POST" {
                        _ = request.method.withCString { trail_curl_setopt_pointer(curl, CURLOPT_CUSTOMREQUEST, $0) }
                    }
                }
                _ = trail_curl_setopt_write(curl, { data, size, count, context in
                    let collected = Unmanaged<Collected>.fromOpaque(context!).takeUnretainedValue()
                    let length = size * count
                    if collected.body.isEmpty {
                        // PERF: sized once from Content-Length instead of grown by doubling (a copy per doubling).
                        var expected: curl_off_t = -1
                        _ = trail_curl_getinfo_offset(collected.curl, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &expected)
                        if expected > 0 && expected < 1 << 31 { collected.body.reserveCapacity(Int(expected)) }
                    }
                    data!.withMemoryRebound(to: UInt8.self, capacity: length) {
                        collected.body.append(contentsOf: UnsafeBufferPointer(start: $0, count: length))
                    }
                    return length
                })
                _ = trail_curl_setopt_pointer(curl, CURLOPT_WRITEDATA, context)
                _ = trail_curl_setopt_header(curl, { data, size, count, context in
                    let collected = Unmanaged<Collected>.fromOpaque(context!).takeUnretainedValue()
                    let length = size * count
                    data!.withMemoryRebound(to: UInt8.self, capacity: length) {
                        collected.take(headerLine: UnsafeBufferPointer(start: $0, count: length))
                    }
                    return length
                })
                _ = trail_curl_setopt_pointer(curl, CURLOPT_HEADERDATA, context)
                return curl_easy_perform(curl)
            }
        }
        guard code == CURLE_OK else {
            throw HTTPError(kind: Self.kind(of: code), url: Self.redacted(request.url),
                            message: String(cString: curl_easy_strerror(code)))
        }
        var status = 0
        _ = trail_curl_getinfo_long(curl, CURLINFO_RESPONSE_CODE, &status)
        return HTTPResponse(status: status, headerBlock: collected.headerBlock, body: collected.body)
    }

    static func kind(of code: CURLcode) -> HTTPError.Kind {
        switch code {
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY: return .cannotConnect
        case CURLE_OPERATION_TIMEDOUT: return .timedOut
        case CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE, CURLE_HTTP2, CURLE_HTTP2_STREAM:
            return .interrupted
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
             CURLE_SSL_CACERT_BADFILE:
            return .tls
        default: return .other
        }
    }

    /// A URL without its query (presigned or not, queries never hold secrets here, but they are long).
    static func redacted(_ url: String) -> String {
        guard let question = url.firstIndex(of: "?") else { return url }
        return String(url[..<question])
    }
}

extension CurlTransport.Collected {
    /// A status line starts a new response (after a 100 Continue or an interim answer); other lines are kept as
    /// they came, for `HTTPResponse.header` to look up.
    func take(headerLine line: UnsafeBufferPointer<UInt8>) {
        if line.starts(with: "HTTP/".utf8) {
            headerBlock.removeAll(keepingCapacity: true)
            return
        }
        headerBlock.append(contentsOf: line)
    }
}
