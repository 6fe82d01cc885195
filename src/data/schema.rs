//! The observation schema of docs/METHODS.md §2: column names, which are required, which are numeric.

/// A column of the observation schema. Names are part of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Column {
    /// `subject`: whose portfolio is measured (required).
    Subject,
    /// `channel`: arms, exercises, training, agreements, … (required).
    Channel,
    /// `partner`: the partner's name, resolved through the registry (required).
    Partner,
    /// `year`: the calendar year (required unless both period columns are given).
    Year,
    /// `period_start`: first year of a total over several years.
    PeriodStart,
    /// `period_end`: last year of a total over several years.
    PeriodEnd,
    /// `value`: a finite, non-negative amount (required).
    Value,
    /// `value_low`: lower bound of `value` for coding uncertainty.
    ValueLow,
    /// `value_high`: upper bound of `value` for coding uncertainty.
    ValueHigh,
    /// `unit`: TIV_mn, persons, exercises, USD, …; one unit per channel.
    Unit,
    /// `framework`: bilateral or the multilateral framework of the row (CSTO, SCO, …).
    Framework,
    /// `event_id`: rows sharing it (within subject and channel) are one event.
    EventId,
    /// `series`: a recurring exercise series ("Steppe Eagle", "Rubezh"); rows sharing it
    /// (within subject and channel) belong to one cluster of events.
    Series,
    /// `kind`: the kinds of cooperation the row belongs to, separated by `;` (an exercise's
    /// missions and domains as MME flags them: "Warfighting;Land"); claim C2 counts them.
    Kind,
    /// `source`: citation key of the provenance.
    Source,
    /// `locator`: place in the source (a line range, a file and cell, an event id).
    Locator,
    /// `quote`: verbatim quote from the source.
    Quote,
    /// `note`: remarks.
    Note,
}

impl Column {
    /// Number of schema columns.
    pub const COUNT: usize = 18;

    /// Every column in canonical output order.
    pub const ALL: [Column; Column::COUNT] = [
        Column::Subject,
        Column::Channel,
        Column::Partner,
        Column::Year,
        Column::PeriodStart,
        Column::PeriodEnd,
        Column::Value,
        Column::ValueLow,
        Column::ValueHigh,
        Column::Unit,
        Column::Framework,
        Column::EventId,
        Column::Series,
        Column::Kind,
        Column::Source,
        Column::Locator,
        Column::Quote,
        Column::Note,
    ];

    /// Columns that must always be present (besides year or period_start+period_end).
    pub const REQUIRED: [Column; 4] = [Column::Subject, Column::Channel, Column::Partner, Column::Value];

    /// The column's name in files (`period_start`, `event_id`, …).
    pub fn name(self) -> &'static str {
        match self {
            Column::Subject => "subject",
            Column::Channel => "channel",
            Column::Partner => "partner",
            Column::Year => "year",
            Column::PeriodStart => "period_start",
            Column::PeriodEnd => "period_end",
            Column::Value => "value",
            Column::ValueLow => "value_low",
            Column::ValueHigh => "value_high",
            Column::Unit => "unit",
            Column::Framework => "framework",
            Column::EventId => "event_id",
            Column::Series => "series",
            Column::Kind => "kind",
            Column::Source => "source",
            Column::Locator => "locator",
            Column::Quote => "quote",
            Column::Note => "note",
        }
    }

    /// The column called `name` (exact, as `name` spells it); `None` for a column outside the schema.
    pub fn from_name(name: &str) -> Option<Column> {
        Column::ALL.into_iter().find(|c| c.name() == name)
    }

    /// Numeric columns: parsed as numbers, not interned as text.
    pub fn is_numeric(self) -> bool {
        matches!(self, Column::Year | Column::PeriodStart | Column::PeriodEnd | Column::Value | Column::ValueLow | Column::ValueHigh)
    }

    /// The column's position in `ALL` (0-based).
    pub fn index(self) -> usize {
        self as usize
    }
}

/// Lowest and highest calendar year accepted in `year`, `period_start`, `period_end`.
pub const YEAR_RANGE: (i32, i32) = (1800, 2200);

/// Where each schema column sits in a file (0-based field index), if present.
#[derive(Debug, Clone, Default)]
pub struct ColumnMap {
    positions: [Option<usize>; Column::COUNT],
}

impl ColumnMap {
    /// Records that `column` is field `position` (0-based) of the file.
    pub fn set(&mut self, column: Column, position: usize) {
        self.positions[column.index()] = Some(position);
    }

    /// The field position of `column`, if the file has it.
    pub fn get(&self, column: Column) -> Option<usize> {
        self.positions[column.index()]
    }

    /// Whether the file has `column`.
    pub fn has(&self, column: Column) -> bool {
        self.get(column).is_some()
    }

    /// The required columns that are absent; year may be replaced by both period columns.
    pub fn missing_required(&self) -> Vec<String> {
        let mut missing: Vec<String> = Column::REQUIRED.iter().filter(|c| !self.has(**c)).map(|c| c.name().to_string()).collect();
        let has_period = self.has(Column::PeriodStart) && self.has(Column::PeriodEnd);
        if !self.has(Column::Year) && !has_period {
            missing.push("year (or period_start and period_end)".to_string());
        }
        missing
    }
}
