/// One page of a paginated list.
public struct PageSlice: Sendable, Equatable {
    /// 1-based page number.
    public var number: Int
    public var pageCount: Int
    /// Indices into the full list, for this page.
    public var range: Range<Int>

    /// What the page adds to its list's name in its title and heading: nothing on the first
    /// page, ` · trang 2` on the second, so that a reader who lands on the heading hears which.
    public var nameSuffix: String { number > 1 ? " · trang \(number)" : "" }

    /// Splits `count` items into pages of `perPage`; an empty list still has one (empty) page.
    public static func paginate(count: Int, perPage: Int) -> [PageSlice] {
        let size = max(perPage, 1)
        let pages = max(1, (count + size - 1) / size)
        return (0..<pages).map { index in
            PageSlice(number: index + 1, pageCount: pages, range: (index * size)..<min(count, (index + 1) * size))
        }
    }
}
