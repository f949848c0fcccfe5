using Graph.Core.Domain;

namespace Graph.Extraction.Reading;

/// <summary>The readability step for pages fetched over HTTP (the file reader uses the same one).</summary>
public static class Html
{
    /// <summary>The article text of an HTML page, with its title and date when the page gives them; null when it has no text.</summary>
    public static Article? ToArticle(string id, string html)
    {
        var (article, _) = HtmlArticle.Read(id, html);
        return article is null || string.IsNullOrWhiteSpace(article.Text) ? null : article;
    }
}
