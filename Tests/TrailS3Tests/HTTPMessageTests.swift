import Testing
import TrailS3

@Suite struct HTTPMessageTests {
    @Test func headersAreCaseInsensitive() {
        var request = HTTPRequest(method: "GET", url: "http://127.0.0.1:1/")
        request.setHeader("X-Amz-Date", "20150830T123600Z")
        request.setHeader("x-amz-date", "20150830T123601Z")
        #expect(request.headers.count == 1)
        #expect(request.header("X-AMZ-DATE") == "20150830T123601Z")
    }
}
