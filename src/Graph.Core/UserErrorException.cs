namespace Graph.Core;

/// <summary>
/// A mistake the user can fix (a missing store, a full disk, a source that is not configured): hosts print its message
/// as one line, without a stack trace. Anything else that escapes is a bug and is reported as one.
/// </summary>
public class UserErrorException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The disk under a store or log is full: nothing half-written was kept, and the work can be run again once there is room.</summary>
public sealed class StorageFullException(string where, Exception? inner = null)
    : UserErrorException($"The disk is full: {where} could not be written. Nothing half-written was kept; free some space and run it again.", inner);
