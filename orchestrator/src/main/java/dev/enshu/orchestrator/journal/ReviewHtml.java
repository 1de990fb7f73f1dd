package dev.enshu.orchestrator.journal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import tools.jackson.databind.json.JsonMapper;

/**
 * The after-action review as one printable HTML page: self-contained (inline CSS, no scripts, no
 * external resources), UTF-8, in Japanese with English type names, one section per team with its
 * score and its events in order. Built as a DOM and serialised by jsoup, so every text from the
 * journal (messages, answers, notes, report text) is escaped.
 */
public final class ReviewHtml {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private static final String CSS =
      """
      body { font-family: "Noto Sans CJK JP", "Hiragino Sans", "Yu Gothic", sans-serif;
             margin: 2em; color: #111; font-size: 11pt; }
      h1 { font-size: 18pt; margin-bottom: 0.2em; }
      h2 { font-size: 14pt; border-bottom: 2px solid #333; margin-top: 1.5em; }
      .meta { color: #555; }
      table { border-collapse: collapse; width: 100%; }
      th, td { border: 1px solid #999; padding: 3px 6px; vertical-align: top; text-align: left; }
      th { background: #eee; }
      td.time { white-space: nowrap; font-family: monospace; }
      tr.score td { background: #f4f9f4; }
      tr.adjusted td { background: #fff8e1; }
      tr.inject td { background: #fdf3f3; }
      .score-table { width: auto; margin-bottom: 1em; }
      section.team { page-break-before: always; }
      section.team:first-of-type { page-break-before: auto; }
      @media print { body { margin: 0; } a { color: inherit; text-decoration: none; }
                     thead { display: table-header-group; } tr { page-break-inside: avoid; } }
      """;

  private static final Map<String, String> LABELS =
      Map.ofEntries(
          Map.entry("inject.fired", "攻撃"),
          Map.entry("inject.completed", "攻撃完了"),
          Map.entry("inject.failed", "攻撃失敗"),
          Map.entry("message.sent", "連絡"),
          Map.entry("finding.submitted", "回答"),
          Map.entry("finding.accepted", "正解"),
          Map.entry("finding.rejected", "不正解"),
          Map.entry("check.result", "対処確認"),
          Map.entry("hint.taken", "ヒント"),
          Map.entry("report.submitted", "報告書提出"),
          Map.entry("report.graded", "報告書採点"),
          Map.entry("score.adjusted", "得点調整"),
          Map.entry("console.recorded", "操作記録"),
          Map.entry("exercise.state", "演習状態"),
          Map.entry(Review.SCORE_CHANGED, "得点"));

  private ReviewHtml() {}

  /** What the page shows. */
  public record Page(
      String exerciseId,
      Map<String, String> title,
      String state,
      Instant generatedAt,
      ZoneId zone,
      List<TeamPart> teams) {}

  /** One team: its score (total and parts; null total when not shown) and its review events. */
  public record TeamPart(
      int number,
      String name,
      Integer total,
      Map<String, Integer> parts,
      List<JournalEvent> events) {}

  public static String render(Page page) {
    Document doc = Document.createShell("");
    doc.outputSettings().charset("UTF-8").escapeMode(Entities.EscapeMode.base).prettyPrint(true);
    Element html = doc.selectFirst("html");
    html.attr("lang", "ja");
    Element head = doc.head();
    head.appendElement("meta").attr("charset", "utf-8");
    head.appendElement("title")
        .text("事後検討レポート — " + page.title().get("ja") + " (" + page.exerciseId() + ")");
    head.appendElement("style").appendChild(new DataNode(CSS));
    Element body = doc.body();
    body.appendElement("h1").text("事後検討レポート（After-action review）");
    body.appendElement("p")
        .addClass("meta")
        .text(page.title().get("ja") + " / " + page.title().get("en"));
    body.appendElement("p")
        .addClass("meta")
        .text(
            "演習 "
                + page.exerciseId()
                + "（状態: "
                + page.state()
                + "）・作成 "
                + TIME.format(page.generatedAt().atZone(page.zone()))
                + " "
                + page.zone().getId());
    for (TeamPart team : page.teams()) {
      team(body.appendElement("section").addClass("team"), team, page.zone());
    }
    return doc.outerHtml();
  }

  private static void team(Element section, TeamPart team, ZoneId zone) {
    section.appendElement("h2").text("チーム " + team.number() + "：" + team.name());
    if (team.total() != null) {
      Element scores = section.appendElement("table").addClass("score-table");
      Element head = scores.appendElement("tr");
      head.appendElement("th").text("合計");
      team.parts().keySet().forEach(part -> head.appendElement("th").text(part));
      Element row = scores.appendElement("tr");
      row.appendElement("td").text(Integer.toString(team.total()));
      team.parts().values().forEach(v -> row.appendElement("td").text(Integer.toString(v)));
    }
    if (team.events().isEmpty()) {
      section.appendElement("p").text("記録された出来事はありません。");
      return;
    }
    Element table = section.appendElement("table").addClass("events");
    Element head = table.appendElement("thead").appendElement("tr");
    for (String column : List.of("時刻", "種別", "実施者", "内容")) {
      head.appendElement("th").text(column);
    }
    Element rows = table.appendElement("tbody");
    for (JournalEvent e : team.events()) {
      Element row = rows.appendElement("tr");
      if (Review.SCORE_CHANGED.equals(e.type())) {
        row.addClass("score");
      } else if ("inject.fired".equals(e.type())) {
        row.addClass("inject");
      } else if ("score.adjusted".equals(e.type())) {
        row.addClass("adjusted");
      }
      row.appendElement("td").addClass("time").text(TIME.format(e.at().atZone(zone)));
      row.appendElement("td").text(LABELS.getOrDefault(e.type(), "") + " " + e.type());
      row.appendElement("td").text(e.actor() == null ? "" : e.actor());
      describe(row.appendElement("td"), e);
    }
  }

  /** A line of what happened, in words; the event's data as JSON for types without one. */
  static void describe(Element cell, JournalEvent e) {
    Map<String, Object> d = e.data();
    switch (e.type()) {
      case "inject.fired" -> {
        cell.text(
            ja(d.get("title"))
                + " ["
                + d.getOrDefault("technique", "")
                + "] "
                + ja(d.get("groundTruth") instanceof Map<?, ?> g ? g.get("summary") : null));
      }
      case "message.sent" -> {
        String text = d.get("text") instanceof String t ? t : ja(d.get("body"));
        String from = d.get("from") instanceof String f ? f : ja(d.get("from"));
        cell.text(from + "：" + ja(d.get("subject")) + " — " + text);
      }
      case "finding.submitted" ->
          cell.text("設問 " + d.get("objective") + "：" + d.get("answer") + note(d.get("note")));
      case "finding.accepted", "finding.rejected" ->
          cell.text("設問 " + d.get("objective") + "（" + d.get("points") + " 点）");
      case "check.result" ->
          cell.text(d.get("check") + "：" + (Boolean.TRUE.equals(d.get("passed")) ? "合格" : "不合格"));
      case "hint.taken" -> cell.text(d.get("hint") + "（減点 " + d.get("penalty") + "）");
      case "score.adjusted" ->
          cell.text("講師による調整 " + signed(d.get("points")) + " 点：" + d.getOrDefault("reason", ""));
      case Review.SCORE_CHANGED ->
          cell.text(
              signed(d.get("delta"))
                  + " 点（"
                  + d.get("part")
                  + "）→ 合計 "
                  + d.get("total")
                  + "："
                  + d.getOrDefault("reason", ""));
      case "console.recorded" -> {
        cell.appendText("ホスト " + d.get("host") + " の操作記録 ");
        Object link = d.get("recording");
        if (link instanceof String url && url.startsWith("/api/console/recordings/")) {
          cell.appendElement("a").attr("href", url).text(url);
        }
      }
      case "exercise.state" ->
          cell.text(
              d.get("from")
                  + " → "
                  + d.get("to")
                  + (d.get("reason") == null ? "" : "（" + d.get("reason") + "）"));
      default -> cell.text(JSON.writeValueAsString(d));
    }
  }

  private static String ja(Object localized) {
    if (localized instanceof Map<?, ?> m) {
      Object ja = m.get("ja");
      return ja == null ? "" : ja.toString();
    }
    return localized == null ? "" : localized.toString();
  }

  private static String note(Object note) {
    return note instanceof String n && !n.isBlank() ? "（メモ: " + n + "）" : "";
  }

  private static String signed(Object delta) {
    return delta instanceof Number n && n.intValue() > 0 ? "+" + n : String.valueOf(delta);
  }
}
