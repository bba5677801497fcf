from reports.entry import main

main()
