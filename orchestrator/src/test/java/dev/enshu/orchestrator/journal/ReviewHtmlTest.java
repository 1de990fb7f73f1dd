package dev.enshu.orchestrator.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** The printable review page. */
class ReviewHtmlTest {
  private static final Instant T = Instant.parse("2026-11-30T01:00:00Z");

  private static JournalEvent event(long seq, String type, String actor, Map<String, Object> data) {
    return new JournalEvent(seq, "ex1", 1, T.plusSeconds(seq), type, actor, null, data);
  }

  private String page(List<JournalEvent> events) {
    Map<String, Integer> parts = new LinkedHashMap<>();
    parts.put("detection", 100);
    parts.put("penalties", -20);
    return ReviewHtml.render(
        new ReviewHtml.Page(
            "ex1",
            Map.of("ja", "標的型攻撃＆ランサムウェア", "en", "Phishing and ransomware"),
            "finished",
            T,
            ZoneId.of("Asia/Tokyo"),
            List.of(new ReviewHtml.TeamPart(1, "<b>チーム</b>", 80, parts, events))));
  }

  @Test
  void escapesEveryTextFromTheJournal() {
    String html =
        page(
            List.of(
                event(
                    1,
                    "message.sent",
                    "sensei<img src=x onerror=alert(1)>",
                    Map.of("text", "<script>alert('x')</script> & 確認して", "from", "講師")),
                event(
                    2,
                    "finding.submitted",
                    "trainee",
                    Map.of("objective", "c2", "answer", "\"><iframe>", "note", "</td></tr>"))));
    Document doc = Jsoup.parse(html);
    assertThat(doc.select("script, iframe, img")).isEmpty();
    assertThat(html)
        .doesNotContain("<script>alert")
        .contains("&lt;script&gt;alert('x')&lt;/script&gt; &amp; 確認して")
        .contains("&lt;/td&gt;&lt;/tr&gt;");
    assertThat(doc.select("table.events tbody tr")).hasSize(2);
    assertThat(doc.select("h2").text()).isEqualTo("チーム 1：<b>チーム</b>");
  }

  @Test
  void isSelfContainedJapaneseUtf8AndPrintable() {
    String html =
        page(
            List.of(
                event(
                    1,
                    "console.recorded",
                    "trainee",
                    Map.of("host", "pc", "recording", "/api/console/recordings/abc123"))));
    Document doc = Jsoup.parse(html);
    assertThat(doc.select("html").attr("lang")).isEqualTo("ja");
    assertThat(doc.select("meta[charset]").attr("charset")).isEqualToIgnoringCase("utf-8");
    assertThat(doc.select("link, script, img, [src]")).isEmpty();
    assertThat(doc.select("style").html()).contains("@media print");
    assertThat(html).contains("事後検討レポート").contains("標的型攻撃＆ランサムウェア");
    assertThat(doc.select("a").attr("href")).isEqualTo("/api/console/recordings/abc123");
    // times in Japan time
    assertThat(doc.select("td.time").text()).isEqualTo("2026-11-30 10:00:01");
    assertThat(doc.select("table.score-table td").eachText()).containsExactly("80", "100", "-20");
  }

  @Test
  void onlyRecordingLinksOfTheConsoleGatewayBecomeLinks() {
    String html =
        page(
            List.of(
                event(
                    1,
                    "console.recorded",
                    "trainee",
                    Map.of("host", "pc", "recording", "javascript:alert(1)"))));
    assertThat(Jsoup.parse(html).select("a")).isEmpty();
  }

  @Test
  void anInstructorsAdjustmentIsALineWithItsReason() {
    String html =
        page(
            List.of(
                event(
                    1,
                    "score.adjusted",
                    "sensei",
                    Map.of("points", -5, "reason", "<i>broke</i> the mail server"))));
    Document doc = Jsoup.parse(html);
    assertThat(doc.select("tr.adjusted td").eachText())
        .containsExactly(
            "2026-11-30 10:00:01",
            "得点調整 score.adjusted",
            "sensei",
            "講師による調整 -5 点：<i>broke</i> the mail server");
  }
}
