// `description` of every node is its canonical SQL (see `SQLWriter`).

extension Statement: CustomStringConvertible {
    public var description: String {
        var writer = SQLWriter()
        writer.statement(self)
        return writer.text
    }
}

extension Query: CustomStringConvertible {
    public var description: String {
        var writer = SQLWriter()
        writer.query(self)
        return writer.text
    }
}

extension QueryBody: CustomStringConvertible {
    public var description: String {
        var writer = SQLWriter()
        writer.body(self)
        return writer.text
    }
}

extension Select: CustomStringConvertible {
    public var description: String { QueryBody.select(self).description }
}

extension Relation: CustomStringConvertible {
    public var description: String {
        var writer = SQLWriter()
        writer.relation(self)
        return writer.text
    }
}

extension TableReference: CustomStringConvertible {
    public var description: String {
        var writer = SQLWriter()
        writer.table(self)
        return writer.text
    }
}

extension Expression: CustomStringConvertible {
    public var description: String {
        var writer = SQLWriter()
        writer.expression(self)
        return writer.text
    }
}

extension Literal: CustomStringConvertible {
    public var description: String {
        var writer = SQLWriter()
        writer.literal(self)
        return writer.text
    }
}

extension DataType: CustomStringConvertible {
    public var description: String {
        var writer = SQLWriter()
        writer.type(self)
        return writer.text
    }
}

extension SortItem: CustomStringConvertible {
    public var description: String {
        var writer = SQLWriter()
        writer.sortItems([self])
        return writer.text
    }
}

extension WindowSpecification: CustomStringConvertible {
    public var description: String {
        var writer = SQLWriter()
        writer.windowSpecification(self)
        return writer.text
    }
}

extension SelectItem: CustomStringConvertible {
    public var description: String {
        let select = Select(items: [self], span: span)
        let text = select.description
        return String(text.dropFirst("SELECT ".count))
    }
}
