import Synchronization
import TrailSource

extension ParallelScan {
    /// What a worker processes: a unit of the scan's input, or one page of a folder listed a page at a time.
    enum Work {
        case unit(Int)
        /// A page of a paged unit, already listed (its files not yet read).
        case page(FolderListing)
    }

    /// Where a piece of work's results go in the scan's order: its unit, and its page within the unit.
    struct WorkKey: Hashable {
        var unit: Int
        var part: Int
    }

    /// The units listed a page at a time, and how the feed lists their pages.
    struct Paging: Sendable {
        /// The folder of each unit that is listed a page at a time, by unit index.
        var folders: [Int: DeferredFolder]
        /// A lister of pages for the feed (used under the feed's lock only).
        var makeLister: @Sendable () -> (DeferredFolder) -> FolderListing

        static let none = Paging(folders: [:], makeLister: { { FolderListing(folder: $0) } })
    }

    /// Hands out the scan's work in order: each unit once, and a paged unit's pages one after another, each listed
    /// by the worker that takes it.
    ///
    /// A page's listing needs the previous page's continuation token, so pages are listed one at a time, under
    /// the feed's lock; the workers read the pages' files in parallel. Because the next page is known as soon
    /// as a worker takes one, no worker waits for work that another might still produce.
    final class UnitFeed: Sendable {
        private struct State {
            var nextUnit = 0
            /// The unit being paged, the folder with the token of its next page, and that page's number.
            var paging: (unit: Int, folder: DeferredFolder, part: Int)?
            let listPage: (DeferredFolder) -> FolderListing
        }

        private let units: Int
        private let paging: Paging
        private let state: Mutex<State>

        init(units: Int, paging: Paging) {
            self.units = units
            self.paging = paging
            state = Mutex(State(listPage: paging.makeLister()))
        }

        /// The next work in order, where its results go, and whether it is its unit's last; nil when all is taken.
        func take() -> (key: WorkKey, work: Work, isLast: Bool)? {
            state.withLock { state in
                if state.paging == nil {
                    guard state.nextUnit < units else { return nil }
                    let unit = state.nextUnit
                    state.nextUnit += 1
                    guard let folder = paging.folders[unit] else { return (WorkKey(unit: unit, part: 0), .unit(unit), true) }
                    state.paging = (unit, folder, 0)
                }
                let (unit, folder, part) = state.paging!
                let listing = state.listPage(folder)
                if let next = listing.continuation, listing.isComplete {
                    var rest = folder
                    rest.continuation = next
                    state.paging = (unit, rest, part + 1)
                } else {
                    state.paging = nil
                }
                return (WorkKey(unit: unit, part: part), .page(listing), state.paging == nil)
            }
        }
    }
}
