using System.Net;

namespace Graph.Store.Neo4j.Http;

/// <summary>Neo4j refused or failed a request. <see cref="Code"/> is the server's status code (<c>Neo.ClientError.Statement.SyntaxError</c>) when it sent one.</summary>
public class Neo4jException(string message, string? code = null, HttpStatusCode? statusCode = null, Exception? inner = null)
    : Exception(message, inner)
{
    public string? Code { get; } = code;

    public HttpStatusCode? StatusCode { get; } = statusCode;
}

/// <summary>The request is wrong or not allowed: retrying it unchanged would fail again.</summary>
public class Neo4jClientException(string message, string? code = null, HttpStatusCode? statusCode = null)
    : Neo4jException(message, code, statusCode);

/// <summary>Missing or wrong credentials (HTTP 401, <c>Neo.ClientError.Security.Unauthorized</c>).</summary>
public sealed class Neo4jAuthException(string message, string? code = null, HttpStatusCode? statusCode = null)
    : Neo4jClientException(message, code, statusCode);

/// <summary>The server could not do it now but may later (deadlock, database starting, 503): the whole unit of work can be retried.</summary>
public sealed class Neo4jTransientException(string message, string? code = null, HttpStatusCode? statusCode = null, Exception? inner = null)
    : Neo4jException(message, code, statusCode, inner);
