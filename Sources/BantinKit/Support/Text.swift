/// Three texts one after another, in one allocation: paths are made this way for every file
/// listed and every page of every build, where `a + b + c` allocates twice.
extension String {
    init(joining a: String, _ b: String, _ c: String) {
        self.init()
        reserveCapacity(a.utf8.count + b.utf8.count + c.utf8.count)
        self += a
        self += b
        self += c
    }
}
