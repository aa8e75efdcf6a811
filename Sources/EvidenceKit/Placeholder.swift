public enum EvidenceKitPlaceholder {}
