extension UInt8 {
    /// This byte in a message: `"!"` when it is a printable ASCII character, else `byte 0xE9`.
    var shown: String {
        (0x21...0x7E).contains(self) ? "\"\(Character(Unicode.Scalar(self)))\"" : "byte 0x" + hex
    }

    /// `E9`: two upper-case hex digits.
    var hex: String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(self >> 4)], digits[Int(self & 0x0F)]])
    }
}
