import TrailBase
import TrailColumnar
import TrailFunctions
import TrailPlan

extension ExpressionEvaluator {
    /// date_parse, parse_datetime and format_datetime (MySQL and Joda-Time formats).
    func dateTimeText(_ function: ScalarFunction, _ args: [Value], _ types: [LogicalType], _ type: LogicalType) throws -> Value {
        throw QueryError(.unsupportedFeature, "\(function.rawValue) is not available yet", at: nil)
    }
}
